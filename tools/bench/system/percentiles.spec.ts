import assert from 'node:assert/strict';
import { percentile, summarize } from './percentiles';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('is the nearest rank: p50 of 1..100 is 50, p99 is 99, p100 is 100', () => {
    assert.equal(percentile(hundred, 50), 50);
    assert.equal(percentile(hundred, 99), 99);
    assert.equal(percentile(hundred, 100), 100);
  });

  it('gives the first sample for p0 and the only one of a single sample', () => {
    assert.equal(percentile(hundred, 0), 1);
    assert.equal(percentile([7], 99), 7);
  });

  it('is NaN for no samples rather than a made-up zero', () => {
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});

describe('summarize', () => {
  it('sorts its input without changing it', () => {
    const samples = [30, 10, 20];
    assert.deepEqual(summarize(samples), { count: 3, p50: 20, p95: 30, p99: 30, max: 30 });
    assert.deepEqual(samples, [30, 10, 20]);
  });
});
