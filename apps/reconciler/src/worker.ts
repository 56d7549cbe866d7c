import { defineWorker } from '@troupe/worker';
import { reconcilerConfig } from './run/reconciler-config';
import { pendingCollection } from './stuck/pending-watchlist';
import { createReconcilerApp } from './run/reconciler-app';
import { registerStatusRoutes } from './routes';
import { cursorsCollection } from './cursor/cursor-store';
import { runsCollection } from './lease/run-lease';
import { orderCatalogue } from '@troupe/order-catalogue';

/**
 * reconciler: background sync. Every interval it reads what changed in order-service since its cursor, repairs
 * order-view and analytics where they drifted, and reports sagas stuck past their deadline. Consumes no events.
 */
export const reconcilerWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'reconciler',
  defaultPort: 3007,
  collections: [runsCollection, cursorsCollection],
  config: reconcilerConfig,
  indexes: { [pendingCollection]: [{ fields: ['deadline'] }] },
  // The app lives as long as this start: its status routes go on before HTTP listens, its scheduler stops at shutdown.
  start(context, http) {
    const app = createReconcilerApp(context);
    registerStatusRoutes(http, app.summaries, app.reconciler);
    app.scheduler.start();
    return () => app.scheduler.stop();
  },
});
