import assert from 'node:assert/strict';
import { NonRecoverableError } from '../errors';
import { classifyFailure } from './failure-policy';

describe('classifyFailure', () => {
  const base = { retryCount: 0, conflictReruns: 0, retryDelaysMs: [100, 200, 400], maxConflictReruns: 3 };
  const conflict = Object.assign(new Error('stale'), { name: 'ConcurrencyError' });

  it('sends a non-recoverable error to the DLQ at once', () => {
    assert.deepEqual(classifyFailure(new NonRecoverableError('no'), base), { kind: 'dead-letter', reason: 'non-recoverable' });
  });

  it('re-runs an optimistic-concurrency conflict in process, a bounded number of times', () => {
    assert.deepEqual(classifyFailure(conflict, base), { kind: 'retry-now' });
    assert.deepEqual(classifyFailure(conflict, { ...base, conflictReruns: 3 }), { kind: 'retry-later', delayMs: 100, attempt: 1 });
  });

  it('walks the delay list for other errors, then gives up', () => {
    const delays = [0, 1, 2].map((retryCount) => classifyFailure(new Error('x'), { ...base, retryCount }));
    assert.deepEqual(delays, [
      { kind: 'retry-later', delayMs: 100, attempt: 1 },
      { kind: 'retry-later', delayMs: 200, attempt: 2 },
      { kind: 'retry-later', delayMs: 400, attempt: 3 },
    ]);
    assert.deepEqual(classifyFailure(new Error('x'), { ...base, retryCount: 3 }), { kind: 'dead-letter', reason: 'retries-exhausted' });
    assert.deepEqual(classifyFailure('not even an Error', { ...base, retryCount: 3 }), { kind: 'dead-letter', reason: 'retries-exhausted' });
  });
});
