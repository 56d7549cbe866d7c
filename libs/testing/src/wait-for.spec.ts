import assert from 'node:assert/strict';
import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value the probe returns', async () => {
    let calls = 0;
    assert.equal(await waitFor(() => (++calls === 3 ? 'ready' : undefined), { what: 'x', intervalMs: 1 }), 'ready');
    assert.equal(calls, 3);
  });

  it('rejects naming what it waited for once the deadline passes', async () => {
    await assert.rejects(waitFor(async () => undefined, { what: 'order terminal', timeoutMs: 10, intervalMs: 2 }), /order terminal: not within 10 ms/);
  });
});
