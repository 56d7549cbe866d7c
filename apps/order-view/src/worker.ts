import { orderViewManifest, orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker, integerField } from '@troupe/worker';
import { registerOrderViewRoutes } from './routes';
import { orderViewHandlers } from './handlers';
import { orderViewIndexes, orderViewsCollection } from './store/order-view-row';
import { ViewChanges } from './store/view-changes';

/**
 * order-view: the CQRS read model. Projects every order-saga event; serves queries on port 3001.
 * It also declares the event archive (a stream of every event) with its topology: the archive is what
 * `nx run order-view:rebuild` replays, so the read model that depends on it makes sure it exists.
 */
export const orderViewWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'order-view',
  manifest: orderViewManifest,
  defaultPort: 3001,
  config: {
    MIN_VERSION_WAIT_MS: integerField({
      description: 'How long GET /orders/:id?minVersion=N waits for the view to reach version N before answering 202.',
      default: 2000,
      min: 0,
      max: 60_000,
    }),
  },
  indexes: { [orderViewsCollection]: orderViewIndexes },
  messaging: { archive: {} },
  // This instance's wake-up signal, shared by its handlers (a view changed) and its routes (minVersion waits).
  prepare: () => ({ changes: new ViewChanges() }),
  handlers: ({ state }) => orderViewHandlers(state.changes),
  routes: (http, { store, config, state }) =>
    registerOrderViewRoutes(http, { store, changes: state.changes, minVersionWaitMs: config.MIN_VERSION_WAIT_MS }),
});
