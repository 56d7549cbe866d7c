import assert from 'node:assert/strict';
import { archiveMarkerHeader, isArchiveMarker, isOwnMarker } from './marker';

describe('archive end markers', () => {
  it('tell markers from events, and a reader its own marker from others', () => {
    assert.equal(isArchiveMarker({ [archiveMarkerHeader]: 'm1' }), true);
    assert.equal(isArchiveMarker({ traceparent: '00-…' }), false);
    assert.equal(isArchiveMarker(undefined), false);
    assert.equal(isOwnMarker({ [archiveMarkerHeader]: 'm1' }, 'm1'), true);
    assert.equal(isOwnMarker({ [archiveMarkerHeader]: 'm2' }, 'm1'), false);
  });
});
