import { orderServiceManifest, orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker, integerField } from '@troupe/worker';
import { startDeadlineSweeper } from './deadline/deadline-sweeper';
import { applyParticipantEvent } from './handlers';
import { idempotencyKeysCollection } from './orders/idempotency';
import { ordersCollection } from './orders/order-document';
import { registerCancelOrderRoute, registerGetOrderRoute, registerListOrdersRoute, registerPlaceOrderRoute } from './routes';

/** order-service: the system of record of orders. It starts every saga, owns its deadline and records its outcome. */
export const orderServiceWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'order-service',
  manifest: orderServiceManifest,
  defaultPort: 3000,
  config: {
    DEADLINE_SWEEP_INTERVAL_MS: integerField({
      description: 'How often PENDING orders past their saga deadline are looked for and cancelled (timed_out).',
      default: 1000,
      min: 10,
      max: 3_600_000,
    }),
  },
  indexes: {
    [ordersCollection]: [{ fields: ['status', 'deadline'] }, { fields: ['updatedAt', '_id'] }, { fields: ['customerId'] }],
    [idempotencyKeysCollection]: [{ fields: ['orderId'] }],
  },
  handlers: () => ({
    'stock.reservation-failed': applyParticipantEvent,
    'payment.declined': applyParticipantEvent,
    'shipment.failed': applyParticipantEvent,
    'shipment.scheduled': applyParticipantEvent,
    'stock.released': applyParticipantEvent,
  }),
  routes(http, context) {
    registerPlaceOrderRoute(http, context);
    registerCancelOrderRoute(http, context);
    registerGetOrderRoute(http, context);
    registerListOrdersRoute(http, context);
  },
  // Stopped after the consumers drained, while broker and store are still open.
  start(context) {
    const sweeper = startDeadlineSweeper(context, context.config.DEADLINE_SWEEP_INTERVAL_MS);
    return () => sweeper.stop();
  },
});
