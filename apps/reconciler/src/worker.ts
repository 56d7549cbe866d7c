import { defineWorker, type WorkerContext } from '@troupe/worker';
import { reconcilerConfig } from './config';
import { pendingCollection } from './stuck/pending-watchlist';
import { createReconcilerApp, type ReconcilerApp } from './reconciler-app';
import { registerStatusRoutes } from './status/status-routes';
import { cursorsCollection } from './cursor/cursor-store';
import { runsCollection } from './lease/run-lease';

// routes, onStart and onStop receive the same context object; the app built for it lives as long as it does.
const apps = new WeakMap<WorkerContext<typeof reconcilerConfig>, ReconcilerApp>();

/**
 * reconciler: background sync. Every interval it reads what changed in order-service since its cursor, repairs
 * order-view and analytics where they drifted, and reports sagas stuck past their deadline. Consumes no events.
 */
export const reconcilerWorker = defineWorker({
  service: 'reconciler',
  defaultPort: 3007,
  collections: [runsCollection, cursorsCollection],
  config: reconcilerConfig,
  indexes: { [pendingCollection]: [{ fields: ['deadline'] }] },
  routes: (http, context) => {
    const app = createReconcilerApp(context);
    apps.set(context, app);
    registerStatusRoutes(http, app.summaries, app.reconciler);
  },
  onStart: (context) => apps.get(context)?.scheduler.start(),
  onStop: async (context) => {
    await apps.get(context)?.scheduler.stop();
  },
});
