import { analyticsServiceManifest, orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker } from '@troupe/worker';
import { analyticsHandlers } from './handlers';
import { analyticsRoutes } from './routes';
import { ordersCollection, summaryCollection } from './store/analytics-store';

/** analytics-service: counts orders per outcome (and cancel reason) and revenue, each order once. */
export const analyticsServiceWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'analytics-service',
  manifest: analyticsServiceManifest,
  defaultPort: 3006,
  collections: [summaryCollection],
  // The reconciler pages by (updatedAt, _id).
  indexes: { [ordersCollection]: [{ fields: ['updatedAt', '_id'] }] },
  handlers: () => analyticsHandlers(),
  routes: (http, { store }) => analyticsRoutes(http, store),
});
