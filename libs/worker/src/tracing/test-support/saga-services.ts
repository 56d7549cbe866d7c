// Five tiny services playing the order saga on the real broker, just enough to see the trace of a happy chain and of
// a compensation relay: order → inventory → payment → shipping → order → notification, or payment declines →
// inventory releases → order cancels → notification. A payment is declined when the order holds `declinedSku`.
import { randomUUID } from 'node:crypto';
import { examplesOf } from '@troupe/order-catalogue/testing';
import { defineWorker } from '../../lifecycle/worker-definition';
import { consumerManifest } from '../../testing/consumer-manifest';
import type { WorkerDefinition } from '../../lifecycle/worker-definition';
import { orderCatalogue } from '@troupe/order-catalogue';

export const declinedSku = 'SKU-099';
const order = examplesOf('order.created')[0]!;

const orders = defineWorker({
  catalogue: orderCatalogue,
  service: 'trace-order',
  manifest: consumerManifest('trace-order', ['shipment.scheduled', 'stock.released']),
  defaultPort: 3999,
  handlers: () => ({
    'shipment.scheduled': async (event, ctx) => {
      await ctx.emit('order.confirmed', { orderId: event.data.orderId, customerId: order.customerId, totalCents: order.totalCents, orderVersion: 2 });
    },
    'stock.released': async (event, ctx) => {
      await ctx.emit('order.cancelled', { orderId: event.data.orderId, customerId: order.customerId, totalCents: order.totalCents, reason: 'payment_declined', orderVersion: 2 });
    },
  }),
  routes(http, { messaging }) {
    http.post('/orders', async (request, reply) => {
      const { decline } = request.body as { decline?: boolean };
      const orderId = randomUUID();
      const items = [{ sku: decline ? declinedSku : 'SKU-001', quantity: 1, unitPriceCents: 1000 }];
      await messaging.transaction((_session, outbox) => outbox.emit('order.created', { ...order, orderId, items, totalCents: 1000 }));
      return reply.status(202).send({ orderId });
    });
  },
});

const inventory = defineWorker({
  catalogue: orderCatalogue,
  service: 'trace-inventory',
  manifest: consumerManifest('trace-inventory', ['order.created', 'payment.declined']),
  defaultPort: 3999,
  handlers: () => ({
    'order.created': async (event, ctx) => {
      await ctx.emit('stock.reserved', { orderId: event.data.orderId, items: event.data.items.map(({ sku, quantity }) => ({ sku, quantity })) });
    },
    'payment.declined': async (event, ctx) => {
      await ctx.emit('stock.released', { orderId: event.data.orderId, items: [{ sku: declinedSku, quantity: 1 }], reason: 'payment_declined' });
    },
  }),
});

const payment = defineWorker({
  catalogue: orderCatalogue,
  service: 'trace-payment',
  manifest: consumerManifest('trace-payment', ['stock.reserved']),
  defaultPort: 3999,
  handlers: () => ({
    'stock.reserved': async (event, ctx) => {
      const { orderId } = event.data;
      if (event.data.items.some((item) => item.sku === declinedSku)) await ctx.emit('payment.declined', { orderId, amountCents: 1000, reason: 'card_declined' });
      else await ctx.emit('payment.captured', { orderId, paymentId: `pay_${orderId.slice(0, 8)}`, amountCents: 1000 });
    },
  }),
});

const shipping = defineWorker({
  catalogue: orderCatalogue,
  service: 'trace-shipping',
  manifest: consumerManifest('trace-shipping', ['payment.captured']),
  defaultPort: 3999,
  handlers: () => ({
    'payment.captured': async (event, ctx) => {
      await ctx.emit('shipment.scheduled', { orderId: event.data.orderId, shipmentId: `shp_${event.data.orderId.slice(0, 8)}` });
    },
  }),
});

const notification = defineWorker({
  catalogue: orderCatalogue,
  service: 'trace-notification',
  manifest: consumerManifest('trace-notification', ['order.confirmed', 'order.cancelled']),
  defaultPort: 3999,
  handlers: () => ({
    'order.confirmed': async (event, ctx) => {
      await ctx.emit('customer.notified', { orderId: event.data.orderId, notificationId: randomUUID(), outcome: 'CONFIRMED', channel: 'email' });
    },
    'order.cancelled': async (event, ctx) => {
      await ctx.emit('customer.notified', { orderId: event.data.orderId, notificationId: randomUUID(), outcome: 'CANCELLED', channel: 'email' });
    },
  }),
});

export const sagaServices: WorkerDefinition[] = [orders, inventory, payment, shipping, notification] as WorkerDefinition[];
