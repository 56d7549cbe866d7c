import assert from 'node:assert/strict';
import { isStuck } from './stuck-saga';

describe('isStuck', () => {
  const deadline = '2025-01-01T00:00:30.000Z';
  const past = (ms: number) => Date.parse(deadline) + ms;

  it('calls a PENDING order stuck only once it is more than the slack past its deadline', () => {
    assert.equal(isStuck({ status: 'PENDING', deadline }, past(60_001), 60_000), true);
    assert.equal(isStuck({ status: 'PENDING', deadline }, past(60_000), 60_000), false);
    assert.equal(isStuck({ status: 'PENDING', deadline }, past(-1_000), 60_000), false);
  });

  it('never calls an ended order stuck', () => {
    for (const status of ['CONFIRMED', 'REJECTED', 'CANCELLED']) assert.equal(isStuck({ status, deadline }, past(3_600_000), 60_000), false);
  });
});
