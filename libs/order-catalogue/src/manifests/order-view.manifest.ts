import { defineManifest } from '@troupe/contracts';

// order-view consumes every event of the order saga: each one is a step of the order's timeline. Only
// order-service's events (and the notification, until order-service's own terminal event) change the status.
export const orderViewManifest = defineManifest({
  service: 'order-view',
  description: 'Denormalized read model of orders (CQRS query side): status, facts and the timeline of every saga step.',
  // A read side: fed from the event archive (no queue per event), its read position kept with its own writes.
  intake: 'archive',
  initiates: [],
  reactions: [
    { on: 'order.created', kind: 'projection', emits: [], why: 'create the order view as PENDING' },
    { on: 'order.cancellation-requested', kind: 'projection', emits: [], why: 'add the step; raise the version so the canceller reads its own write' },
    { on: 'stock.reserved', kind: 'projection', emits: [], why: 'add the reservation to the timeline' },
    { on: 'stock.reservation-failed', kind: 'projection', emits: [], why: 'add the failed reservation to the timeline' },
    { on: 'payment.captured', kind: 'projection', emits: [], why: 'add the charge to the timeline' },
    { on: 'payment.declined', kind: 'projection', emits: [], why: 'add the declined charge to the timeline' },
    { on: 'shipment.scheduled', kind: 'projection', emits: [], why: 'add the scheduled shipment to the timeline' },
    { on: 'shipment.failed', kind: 'projection', emits: [], why: 'add the failed shipment to the timeline' },
    { on: 'shipment.cancelled', kind: 'projection', emits: [], why: 'add the shipment cancellation to the timeline' },
    { on: 'payment.refunded', kind: 'projection', emits: [], why: 'add the refund to the timeline' },
    { on: 'stock.released', kind: 'projection', emits: [], why: 'add the stock release to the timeline' },
    { on: 'order.confirmed', kind: 'projection', emits: [], why: 'mark the view CONFIRMED' },
    { on: 'order.rejected', kind: 'projection', emits: [], why: 'mark the view REJECTED with its reason' },
    { on: 'order.cancelled', kind: 'projection', emits: [], why: 'mark the view CANCELLED with its reason' },
    { on: 'customer.notified', kind: 'projection', emits: [], why: 'add the notification to the timeline' },
  ],
  terminal: [],
});
