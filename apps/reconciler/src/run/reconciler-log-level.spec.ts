import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createSqliteStore, type Store } from '@troupe/persistence';
import { createLogger } from '@troupe/worker';
import { Registry } from 'prom-client';
import { CursorStore } from '../cursor/cursor-store';
import { RunLease } from '../lease/run-lease';
import { createReconcilerMetrics } from '../status/reconciler-metrics';
import { SummaryStore } from '../status/summary-store';
import { PendingWatchlist } from '../stuck/pending-watchlist';
import { InMemorySources } from '../testing/in-memory-sources';
import { agreeingView, anOrder } from '../testing/order-fixtures';
import { Reconciler, runSummaryLevel } from './reconciler';
import type { RunReport } from './run-report';

// The reconciler runs every 10 s: a quiet run must not write a line at info, a run that found something must.
describe('reconciler: the level of the run summary', () => {
  const t0 = Date.parse('2025-01-01T00:00:00.000Z');
  let store: Store;
  let sources: InMemorySources;
  let lines: Array<{ level: string; msg: string }>;

  beforeEach(async () => {
    store = await createSqliteStore({ file: ':memory:' });
    sources = new InMemorySources();
    lines = [];
  });
  afterEach(() => store.close());

  function reconciler(): Reconciler {
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    const logger = createLogger('reconciler', 'info', sink);
    return new Reconciler(
      {
        sources,
        cursors: new CursorStore(store),
        watchlist: new PendingWatchlist(store),
        lease: new RunLease(store, 60_000),
        logger,
        settings: { pageSize: 200, graceMs: 5_000, stuckAfterMs: 60_000 },
        now: () => t0 + 100_000,
      },
      new SummaryStore(store),
      createReconcilerMetrics(new Registry()),
      logger,
    );
  }

  const summaries = () => lines.filter((line) => line.msg === 'reconciliation run finished');

  it('writes nothing at info for a run over agreeing orders', async () => {
    const order = anOrder('o-ok', new Date(t0 + 1_000).toISOString());
    sources.records.set(order.orderId, order);
    sources.views.set(order.orderId, agreeingView(order));
    sources.lines.set(order.orderId, { orderId: order.orderId, outcome: order.status, total: order.total });

    const outcome = await reconciler().run();
    assert.equal(outcome.ran, true);
    assert.equal(outcome.ran && outcome.report.rowsCompared, 1);
    assert.deepEqual(lines, [], 'a quiet run logs nothing at info');
  });

  it('writes one summary at info when a run repaired drift', async () => {
    const order = anOrder('o-missing-view', new Date(t0 + 2_000).toISOString());
    sources.records.set(order.orderId, order);
    sources.lines.set(order.orderId, { orderId: order.orderId, outcome: order.status, total: order.total });

    const outcome = await reconciler().run();
    assert.equal(outcome.ran && outcome.report.repaired, 1);
    assert.equal(summaries().length, 1);
    assert.equal(summaries()[0]!.level, 'info');
  });

  it('chooses info for drift, repairs, errors or stuck sagas, debug otherwise', () => {
    const quiet: RunReport = {
      startedAt: '',
      finishedAt: '',
      rowsRead: 40,
      rowsCompared: 40,
      driftFound: 0,
      repaired: 0,
      errors: 0,
      stuckOrderIds: [],
      cursor: { updatedSince: '' },
    };
    assert.equal(runSummaryLevel(quiet), 'debug');
    assert.equal(runSummaryLevel({ ...quiet, driftFound: 1 }), 'info');
    assert.equal(runSummaryLevel({ ...quiet, repaired: 1 }), 'info');
    assert.equal(runSummaryLevel({ ...quiet, errors: 1 }), 'info');
    assert.equal(runSummaryLevel({ ...quiet, stuckOrderIds: ['o-1'] }), 'info');
  });
});
