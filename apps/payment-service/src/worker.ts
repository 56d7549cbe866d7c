import { paymentServiceManifest, orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker } from '@troupe/worker';
import { paymentHandlers } from './handlers';
import { paymentRoutes } from './routes';
import { paymentsCollection } from './payments/payments';

/** payment-service: charges an order once its stock is held, refunds it once when shipping fails or it is cancelled. */
export const paymentServiceWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'payment-service',
  manifest: paymentServiceManifest,
  defaultPort: 3003,
  collections: [paymentsCollection],
  handlers: () => paymentHandlers(),
  routes: (http, { store }) => paymentRoutes(http, store),
});
