import type { Logger } from '@troupe/worker';
import { settledPrefix } from '../compare/settled';
import type { CursorStore } from '../cursor/cursor-store';
import { cursorAfter, sameCursor } from '../cursor/order-cursor';
import type { HeldLease, RunLease } from '../lease/run-lease';
import { findStuckSagas } from '../stuck/find-stuck-sagas';
import type { PendingWatchlist } from '../stuck/pending-watchlist';
import { reconcileOrder, type OrderVerdict } from './reconcile-order';
import type { RunReport } from './run-report';
import type { Sources } from './sources';

export interface RunSettings {
  pageSize: number;
  graceMs: number;
  stuckAfterMs: number;
}

export interface RunDependencies {
  sources: Sources;
  cursors: CursorStore;
  watchlist: PendingWatchlist;
  lease: RunLease;
  logger: Logger;
  settings: RunSettings;
  now: () => number;
  onVerdict?: (verdict: OrderVerdict) => void;
}

/**
 * One pass over order-service's change feed from the stored cursor. The cursor moves only past rows that were
 * judged (and repaired when needed): it stops at the first row inside the grace window and at the first row whose
 * comparison or repair failed, so that row is judged again next run. Then overdue PENDING orders are checked.
 */
export async function reconcileRun(deps: RunDependencies, heldLease: HeldLease): Promise<RunReport> {
  const { sources, cursors, watchlist, logger, settings } = deps;
  const started = deps.now();
  const report: RunReport = {
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    rowsRead: 0,
    rowsCompared: 0,
    driftFound: 0,
    repaired: 0,
    errors: 0,
    stuckOrderIds: [],
    cursor: await cursors.load(),
  };
  let lease: HeldLease | undefined = heldLease;

  for (let more = true; more && lease; ) {
    const from = report.cursor;
    let page;
    try {
      page = await sources.orders.changedSince(from, settings.pageSize);
    } catch (error) {
      report.errors += 1;
      logger.warn({ err: error }, 'reading changed orders failed; the run stops here');
      break;
    }
    report.rowsRead += page.orders.length;
    const settled = settledPrefix(page.orders, started, settings.graceMs);
    const judged = [];
    for (const order of settled) {
      try {
        const verdict = await reconcileOrder(order, sources);
        judged.push(order);
        report.rowsCompared += 1;
        report.driftFound += (verdict.viewDrift.length > 0 ? 1 : 0) + (verdict.analyticsDrift.length > 0 ? 1 : 0);
        report.repaired += verdict.repaired;
        if (verdict.viewDrift.length > 0 || verdict.analyticsDrift.length > 0) {
          logger.info({ orderId: order.orderId, view: verdict.viewDrift, analytics: verdict.analyticsDrift, repaired: verdict.repaired }, 'drift repaired');
        }
        deps.onVerdict?.(verdict);
      } catch (error) {
        report.errors += 1;
        logger.warn({ err: error, orderId: order.orderId }, 'reconciling an order failed; the cursor waits before it');
        more = false;
        break;
      }
      report.cursor = cursorAfter(order);
    }
    // The watchlist is written before the cursor: a crash between the two re-judges rows, never loses a PENDING one.
    await watchlist.note(judged);
    if (!sameCursor(from, report.cursor)) await cursors.save(report.cursor);
    // A short page is the last one; a page cut short by the grace window has nothing judgeable behind it.
    if (settled.length < page.orders.length || !page.next || page.orders.length === 0) more = false;
    lease = await deps.lease.renew(lease, deps.now());
    if (!lease) logger.warn('the run lease was taken over by another instance; this run stops');
  }

  try {
    report.stuckOrderIds = await findStuckSagas(watchlist, sources.orders, started, settings.stuckAfterMs);
  } catch (error) {
    report.errors += 1;
    logger.warn({ err: error }, 'checking for stuck sagas failed');
  }
  if (lease) await deps.lease.release(lease, deps.now());
  report.finishedAt = new Date(deps.now()).toISOString();
  return report;
}
