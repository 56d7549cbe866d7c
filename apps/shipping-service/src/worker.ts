import { shippingServiceManifest, orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker } from '@troupe/worker';
import { shippingHandlers } from './handlers';
import { shippingRoutes } from './routes';
import { shipmentsCollection } from './shipments/shipments';

/** shipping-service: schedules a paid order's shipment; starts the undo relay when an order is cancelled. */
export const shippingServiceWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'shipping-service',
  manifest: shippingServiceManifest,
  defaultPort: 3004,
  collections: [shipmentsCollection],
  handlers: () => shippingHandlers(),
  routes: (http, { store }) => shippingRoutes(http, store),
});
