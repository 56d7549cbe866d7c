import assert from 'node:assert/strict';
import { mapWithConcurrency } from './concurrency';
import { MissingRouteError } from './http-request';
import { pollUntil } from './poll';

describe('mapWithConcurrency', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (value) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, value));
      inFlight--;
      return value * 10;
    });
    assert.deepEqual(results, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
  });
});

describe('pollUntil', () => {
  it('resolves with the first defined value', async () => {
    let calls = 0;
    assert.equal(await pollUntil(async () => (++calls === 3 ? 'done' : undefined), { timeoutMs: 5_000, intervalMs: 1, what: 'x' }), 'done');
  });

  it('rejects after the bound, saying what it last saw', async () => {
    await assert.rejects(
      pollUntil(async () => undefined, { timeoutMs: 20, intervalMs: 5, what: 'order o-1 terminal' }, () => 'still PENDING'),
      /order o-1 terminal: not reached within 20 ms; last: still PENDING/,
    );
  });

  it('gives up at once on a missing route: waiting never builds an API', async () => {
    let calls = 0;
    const probe = async () => {
      calls++;
      throw new MissingRouteError('GET /analytics/summary: the app has no such route');
    };
    await assert.rejects(pollUntil(probe, { timeoutMs: 5_000, intervalMs: 1, what: 'x' }), MissingRouteError);
    assert.equal(calls, 1);
  });
});
