import { defineManifest } from '../manifest';

export const orderViewManifest = defineManifest({
  service: 'order-view',
  description: 'Denormalized read model of orders (CQRS query side).',
  initiates: [],
  reactions: [
    { on: 'order.created', kind: 'projection', emits: [], why: 'create the order view as PENDING' },
    { on: 'order.confirmed', kind: 'projection', emits: [], why: 'mark the view CONFIRMED' },
    { on: 'order.rejected', kind: 'projection', emits: [], why: 'mark the view REJECTED with its reason' },
    { on: 'order.cancelled', kind: 'projection', emits: [], why: 'mark the view CANCELLED with its reason' },
    { on: 'customer.notified', kind: 'projection', emits: [], why: 'add the notification to the timeline' },
  ],
  terminal: [],
});
