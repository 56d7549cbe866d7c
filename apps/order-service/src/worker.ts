import { orderServiceManifest, orderCatalogue } from '@troupe/order-catalogue';
import { ChangeSignal, defineWorker, integerField } from '@troupe/worker';
import { startDeadlineSweeper } from './deadline/deadline-sweeper';
import { announcingChanges } from './handlers';
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
    ORDER_WAIT_MS: integerField({
      description: 'How long GET /orders/:id?wait=terminal waits for the order to be terminal (when the request gives no waitMs) before answering 202.',
      default: 2000,
      min: 0,
      max: 10_000,
    }),
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
  // This instance's wake-up signal: its handlers announce an order they changed, GET /orders/:id?wait=terminal waits on it.
  prepare: () => ({ orderChanges: new ChangeSignal() }),
  handlers: ({ state }) => {
    const apply = announcingChanges(state.orderChanges);
    return {
      'stock.reservation-failed': apply,
      'payment.declined': apply,
      'shipment.failed': apply,
      'shipment.scheduled': apply,
      'stock.released': apply,
    };
  },
  routes(http, context) {
    registerPlaceOrderRoute(http, context);
    registerCancelOrderRoute(http, context);
    registerGetOrderRoute(http, { store: context.store, changes: context.state.orderChanges, waitMs: context.config.ORDER_WAIT_MS });
    registerListOrdersRoute(http, context);
  },
  // Stopped after the consumers drained, while broker and store are still open.
  start(context) {
    const sweeper = startDeadlineSweeper(context, context.config.DEADLINE_SWEEP_INTERVAL_MS);
    return () => sweeper.stop();
  },
});
