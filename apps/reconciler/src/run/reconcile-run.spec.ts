import assert from 'node:assert/strict';
import { createSqliteStore, type Store } from '@troupe/persistence';
import { createLogger } from '@troupe/worker';
import { CursorStore } from '../cursor/cursor-store';
import { RunLease } from '../lease/run-lease';
import { PendingWatchlist } from '../stuck/pending-watchlist';
import { InMemorySources } from '../testing/in-memory-sources';
import { agreeingView, anOrder } from '../testing/order-fixtures';
import type { OrderRecord } from '../sources/rows';
import { reconcileRun, type RunSettings } from './reconcile-run';

describe('reconcileRun: cursor, grace window, repairs, stuck sagas', () => {
  const t0 = Date.parse('2025-01-01T00:00:00.000Z');
  const iso = (seconds: number) => new Date(t0 + seconds * 1_000).toISOString();
  let store: Store;
  let sources: InMemorySources;
  let now: number;

  beforeEach(async () => {
    store = await createSqliteStore({ file: ':memory:' });
    sources = new InMemorySources();
    now = t0 + 100_000;
  });
  afterEach(() => store.close());

  async function run(settings: Partial<RunSettings> = {}) {
    const lease = new RunLease(store, 60_000);
    const claim = await lease.claim('test', now, undefined);
    if (!claim.claimed) throw new Error(`lease not claimed: ${claim.why}`);
    return reconcileRun(
      {
        sources,
        cursors: new CursorStore(store),
        watchlist: new PendingWatchlist(store),
        lease,
        logger: createLogger('reconciler-spec', 'silent'),
        settings: { pageSize: 200, graceMs: 5_000, stuckAfterMs: 60_000, ...settings },
        now: () => now,
      },
      claim.lease,
    );
  }

  function seed(order: OrderRecord, view: 'agrees' | 'missing' = 'agrees', analytics: 'agrees' | 'missing' = 'agrees') {
    sources.records.set(order.orderId, order);
    if (view === 'agrees') sources.views.set(order.orderId, agreeingView(order));
    if (analytics === 'agrees' && order.status !== 'PENDING') sources.lines.set(order.orderId, { orderId: order.orderId, outcome: order.status, total: order.total });
  }

  it('repairs every kind of drift in settled rows and leaves rows inside the grace window for later', async () => {
    seed(anOrder('o-ok', iso(1)));
    seed(anOrder('o-missing-view', iso(2)), 'missing');
    seed(anOrder('o-status', iso(3)));
    sources.views.set('o-status', { ...agreeingView(sources.records.get('o-status')!), status: 'PENDING', version: 2 });
    seed(anOrder('o-no-analytics', iso(4)), 'agrees', 'missing');
    seed(anOrder('o-outcome', iso(5), { status: 'CANCELLED', reason: 'timed_out' }));
    sources.lines.set('o-outcome', { orderId: 'o-outcome', outcome: 'CONFIRMED', total: 45.48 });
    seed(anOrder('o-recent', iso(97)), 'missing'); // changed 3 s ago: its events may still be in flight

    const report = await run();

    assert.equal(report.rowsRead, 6);
    assert.equal(report.rowsCompared, 5);
    assert.equal(report.driftFound, 3 + 1);
    assert.equal(report.repaired, 4);
    assert.equal(report.errors, 0);
    assert.deepEqual(sources.viewPuts.sort(), ['o-missing-view', 'o-status']);
    assert.deepEqual(sources.analyticsPuts.sort(), ['o-no-analytics', 'o-outcome']);
    assert.equal(sources.views.get('o-status')!.status, 'CONFIRMED');
    assert.deepEqual(sources.views.get('o-status')!.timeline, agreeingView(sources.records.get('o-status')!).timeline);
    assert.deepEqual(sources.lines.get('o-outcome'), { orderId: 'o-outcome', outcome: 'CANCELLED', total: 45.48 });
    assert.equal(sources.views.has('o-recent'), false);
    assert.deepEqual(report.cursor, { updatedSince: iso(5), after: 'o-outcome' });
    assert.deepEqual(await new CursorStore(store).load(), report.cursor);
  });

  it('resumes from the stored cursor: the next run reads only what changed since, plus the row it left for later', async () => {
    for (let i = 0; i < 10; i++) seed(anOrder(`o-${i}`, iso(i + 1)));
    seed(anOrder('o-recent', iso(97)), 'missing');
    assert.equal((await run()).rowsCompared, 10);

    sources.rowsServed = 0;
    now += 10_000;
    const changed = anOrder('o-3', iso(105), { version: 5, status: 'CANCELLED', reason: 'customer_cancelled' });
    sources.records.set('o-3', changed);
    const second = await run();

    assert.equal(sources.rowsServed, 2);
    assert.equal(second.rowsCompared, 2);
    assert.deepEqual(sources.viewPuts.sort(), ['o-3', 'o-recent']);
    assert.deepEqual(second.cursor, { updatedSince: iso(105), after: 'o-3' });

    sources.rowsServed = 0;
    const third = await run();
    assert.equal(sources.rowsServed, 0);
    assert.equal(third.rowsCompared, 0);
  });

  it('pages through rows changed in the same millisecond without repeating or skipping one', async () => {
    for (let i = 0; i < 7; i++) seed(anOrder(`o-${i}`, iso(1)), i % 2 === 0 ? 'missing' : 'agrees');
    const report = await run({ pageSize: 2 });
    assert.equal(report.rowsCompared, 7);
    assert.equal(report.rowsRead, 7);
    assert.deepEqual(sources.viewPuts, ['o-0', 'o-2', 'o-4', 'o-6']);
    assert.deepEqual(report.cursor, { updatedSince: iso(1), after: 'o-6' });
  });

  it('stops the cursor before a row it could not reconcile and retries that row next run', async () => {
    for (let i = 0; i < 4; i++) seed(anOrder(`o-${i}`, iso(i + 1)), 'missing');
    sources.failView.add('o-2');
    const failed = await run();
    assert.equal(failed.errors, 1);
    assert.equal(failed.rowsCompared, 2);
    assert.deepEqual(failed.cursor, { updatedSince: iso(2), after: 'o-1' });

    sources.failView.clear();
    sources.rowsServed = 0;
    const retried = await run();
    assert.equal(retried.errors, 0);
    assert.equal(sources.rowsServed, 2);
    assert.deepEqual(sources.viewPuts, ['o-0', 'o-1', 'o-2', 'o-3']);
  });

  it('does not overwrite a target with a version the system of record has already left', async () => {
    const old = anOrder('o-1', iso(1), { version: 3 });
    seed(old, 'missing');
    const readPage = sources.orders.changedSince;
    // The order moves on between its page being read and the repair.
    sources.orders.changedSince = async (cursor, limit) => {
      const page = await readPage(cursor, limit);
      sources.records.set('o-1', { ...old, version: 4, updatedAt: iso(99) });
      return page;
    };
    const report = await run();
    assert.equal(report.rowsCompared, 1);
    assert.equal(report.repaired, 0);
    assert.deepEqual(sources.viewPuts, []);
  });

  it('reports PENDING orders far past their deadline, and forgets them once they end', async () => {
    seed(anOrder('o-stuck', iso(1), { status: 'PENDING', deadline: iso(30) }));
    seed(anOrder('o-late-but-in-slack', iso(2), { status: 'PENDING', deadline: iso(60) }));
    seed(anOrder('o-done', iso(3)));
    assert.deepEqual((await run()).stuckOrderIds, ['o-stuck']);

    now += 1_000;
    assert.deepEqual((await run()).stuckOrderIds, ['o-stuck'], 'a saga that never changes again is still found without the feed');

    sources.records.set('o-stuck', anOrder('o-stuck', iso(100), { status: 'CANCELLED', reason: 'timed_out', deadline: iso(30) }));
    assert.deepEqual((await run()).stuckOrderIds, []);
  });
});
