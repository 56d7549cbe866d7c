import assert from 'node:assert/strict';
import { createSqliteStore, type Store } from '@troupe/persistence';
import { decideLease } from './lease-decision';
import { RunLease } from './run-lease';

describe('run lease', () => {
  let store: Store;
  beforeEach(async () => {
    store = await createSqliteStore({ file: ':memory:' });
  });
  afterEach(() => store.close());

  it('decides: free → claim, held by another and unexpired → held, tick already claimed → skip', () => {
    const row = { _id: 'lease', holder: 'a', expiresAt: 1_000, tick: 7 };
    assert.equal(decideLease(undefined, 'b', 0, 7), 'claim');
    assert.equal(decideLease(row, 'b', 999, 8), 'held');
    assert.equal(decideLease(row, 'b', 1_000, 7), 'tick-already-run');
    assert.equal(decideLease(row, 'b', 1_000, 8), 'claim');
    assert.equal(decideLease(row, 'b', 1_000, undefined), 'claim');
  });

  it('lets only one of two instances claim the same tick, even when they race', async () => {
    const lease = new RunLease(store, 60_000);
    const results = await Promise.all([lease.claim('a', 1_000, 5), lease.claim('b', 1_000, 5)]);
    assert.equal(results.filter((result) => result.claimed).length, 1);
    const winner = results.find((result) => result.claimed)!;
    if (!winner.claimed) throw new Error('unreachable');
    await lease.release(winner.lease, 2_000);
    // Released, but tick 5 ran: the slower instance must not run it again; the next tick is free.
    assert.deepEqual(await lease.claim('c', 2_001, 5), { claimed: false, why: 'tick-already-run' });
    assert.equal((await lease.claim('c', 2_001, 6)).claimed, true);
  });

  it('refuses a second run while one holds the lease, and hands it over once the holder is presumed dead', async () => {
    const lease = new RunLease(store, 10_000);
    const first = await lease.claim('a', 1_000, undefined);
    assert.equal(first.claimed, true);
    assert.deepEqual(await lease.claim('b', 5_000, undefined), { claimed: false, why: 'held' });
    const takeover = await lease.claim('b', 11_001, undefined);
    assert.equal(takeover.claimed, true);
    // The old holder learns it lost the lease when it next renews, and stops.
    if (!first.claimed) throw new Error('unreachable');
    assert.equal(await lease.renew(first.lease, 11_002), undefined);
  });
});
