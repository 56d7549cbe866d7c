import assert from 'node:assert/strict';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const noJitter = { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0 };
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, noJitter)), [100, 200, 400, 800, 1000, 1000]);
  });

  it('only ever shortens a delay by at most the jitter fraction', () => {
    const policy = { initialDelayMs: 1000, maxDelayMs: 1000, jitter: 0.2 };
    assert.equal(backoffDelay(1, policy, () => 0), 1000);
    assert.equal(backoffDelay(1, policy, () => 0.999999), 800);
  });
});
