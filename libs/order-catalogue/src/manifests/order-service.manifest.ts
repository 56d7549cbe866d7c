import { defineManifest } from '@troupe/contracts';

export const orderServiceManifest = defineManifest({
  service: 'order-service',
  description: 'System of record for orders: starts each saga and turns its final event into the order outcome.',
  initiates: [
    { emits: 'order.created', trigger: 'POST /orders' },
    { emits: 'order.cancellation-requested', trigger: 'POST /orders/:id/cancel, or the saga deadline passing' },
  ],
  reactions: [
    { on: 'shipment.scheduled', kind: 'forward', emits: ['order.confirmed'], why: 'the last forward step succeeded: confirm the order' },
    { on: 'stock.reservation-failed', kind: 'compensation', undoes: 'order.created', emits: ['order.rejected'], why: 'nothing was reserved, so nothing to undo: reject the order' },
    { on: 'payment.declined', kind: 'compensation', undoes: 'order.created', emits: [], why: 'remember the cancellation reason; the outcome waits for stock.released' },
    { on: 'shipment.failed', kind: 'compensation', undoes: 'order.created', emits: [], why: 'remember the cancellation reason; the outcome waits for stock.released' },
    { on: 'stock.released', kind: 'compensation', undoes: 'order.created', emits: ['order.cancelled'], why: 'the relay ended: everything is undone, cancel the order' },
  ],
  terminal: [],
});
