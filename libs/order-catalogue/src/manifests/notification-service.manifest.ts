import { defineManifest } from '@troupe/contracts';

export const notificationServiceManifest = defineManifest({
  service: 'notification-service',
  description: 'Tells the customer the final outcome, once per order, only when it can no longer change.',
  initiates: [],
  reactions: [
    { on: 'order.confirmed', kind: 'forward', emits: ['customer.notified'], why: 'tell the customer the order is confirmed' },
    { on: 'order.rejected', kind: 'forward', emits: ['customer.notified'], why: 'tell the customer the order was rejected' },
    { on: 'order.cancelled', kind: 'forward', emits: ['customer.notified'], why: 'tell the customer the order was cancelled' },
  ],
  terminal: ['customer.notified'],
});
