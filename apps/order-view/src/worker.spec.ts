import assert from 'node:assert/strict';
import { loadConfig, workerConfigFields } from '@troupe/worker';
import { orderViewWorker } from './worker';

describe('order-view worker definition', () => {
  it('is named order-view and listens on 3001 unless PORT says otherwise', () => {
    assert.equal(orderViewWorker.service, 'order-view');
    assert.equal(loadConfig({}, workerConfigFields(orderViewWorker.defaultPort)).PORT, 3001);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(orderViewWorker.defaultPort)).PORT, 4100);
  });
});
