import type { WorkerContext } from '@troupe/worker';
import type { reconcilerConfig } from './reconciler-config';
import { CursorStore } from '../cursor/cursor-store';
import { RunLease } from '../lease/run-lease';
import { Reconciler } from './reconciler';
import { Scheduler } from './scheduler';
import { AnalyticsClient } from '../sources/analytics-client';
import { OrderServiceClient } from '../sources/order-service-client';
import { OrderViewClient } from '../sources/order-view-client';
import { createReconcilerMetrics } from '../status/reconciler-metrics';
import { SummaryStore } from '../status/summary-store';
import { PendingWatchlist } from '../stuck/pending-watchlist';

export interface ReconcilerApp {
  reconciler: Reconciler;
  scheduler: Scheduler;
  summaries: SummaryStore;
}

/** Wires the reconciler from the worker's config, store, logger and metrics registry. */
export function createReconcilerApp(context: WorkerContext<typeof reconcilerConfig>): ReconcilerApp {
  const { config, store, logger } = context;
  const http = { timeoutMs: config.RECONCILE_HTTP_TIMEOUT_MS, adminToken: config.ADMIN_TOKEN };
  const summaries = new SummaryStore(store);
  const reconciler = new Reconciler(
    {
      sources: {
        orders: new OrderServiceClient(config.ORDER_SERVICE_URL, http),
        view: new OrderViewClient(config.ORDER_VIEW_URL, http),
        analytics: new AnalyticsClient(config.ANALYTICS_URL, http),
      },
      cursors: new CursorStore(store),
      watchlist: new PendingWatchlist(store),
      lease: new RunLease(store, config.RECONCILE_LEASE_MS),
      logger,
      settings: { pageSize: config.RECONCILE_PAGE_SIZE, graceMs: config.RECONCILE_GRACE_MS, stuckAfterMs: config.STUCK_AFTER_MS },
      now: () => Date.now(),
    },
    summaries,
    createReconcilerMetrics(context.metrics.registry),
    logger,
  );
  const scheduler = new Scheduler(config.RECONCILE_INTERVAL_MS, (tick) => reconciler.run(tick), logger);
  return { reconciler, scheduler, summaries };
}
