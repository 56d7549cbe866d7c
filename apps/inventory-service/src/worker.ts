import { inventoryServiceManifest, orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker } from '@troupe/worker';
import { releaseStockHandler, reserveStockHandler } from './handlers';
import { registerStockRoutes } from './routes';
import { seedStockOnce } from './stock/seed-stock-once';
import { reservationsCollection, stockCollection } from './stock/inventory-documents';

/** inventory-service: holds stock, reserves each order all-or-nothing and releases it as the last hop of every undo relay. */
export const inventoryServiceWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'inventory-service',
  manifest: inventoryServiceManifest,
  defaultPort: 3002,
  collections: [stockCollection, reservationsCollection],
  handlers: () => ({
    'order.created': reserveStockHandler,
    'payment.declined': releaseStockHandler,
    'payment.refunded': releaseStockHandler,
  }),
  routes: (http, context) => registerStockRoutes(http, context),
  // Seeded before consumers start, so no order.created is ever decided against an empty inventory (wrongly
  // "unknown_sku") nor sent round the retry route while the seed runs.
  async prepare({ store, logger }) {
    const seeded = await seedStockOnce(store);
    if (seeded > 0) logger.info({ skus: seeded }, 'stock seeded');
  },
});
