import assert from 'node:assert/strict';
import { deliveredOffset, streamOffsetArgument } from './offset';

describe('archive offsets', () => {
  it('start at the first retained record or at a given offset', () => {
    assert.equal(streamOffsetArgument('first'), 'first');
    assert.equal(streamOffsetArgument(0), 0);
    assert.equal(streamOffsetArgument(42), 42);
  });

  it('refuse offsets that are not integers ≥ 0', () => {
    for (const bad of [-1, 1.5, Number.NaN]) assert.throws(() => streamOffsetArgument(bad), /invalid archive offset/);
  });

  it('read the offset the broker stamps on a delivery (number or bigint)', () => {
    assert.equal(deliveredOffset({ 'x-stream-offset': 7 }), 7);
    assert.equal(deliveredOffset({ 'x-stream-offset': BigInt(9) }), 9);
  });

  it('refuse a delivery that did not come from a stream', () => {
    assert.throws(() => deliveredOffset(undefined), /x-stream-offset/);
    assert.throws(() => deliveredOffset({ 'x-stream-offset': 'first' }), /x-stream-offset/);
  });
});
