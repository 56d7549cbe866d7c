import { defineManifest } from '@troupe/contracts';

export const paymentServiceManifest = defineManifest({
  service: 'payment-service',
  description: 'Charges the order once its stock is held, refunds it when a later step fails or the order is cancelled.',
  initiates: [],
  reactions: [
    { on: 'stock.reserved', kind: 'forward', emits: ['payment.captured', 'payment.declined'], why: 'stock is held: charge what the event carries, and pass its address on' },
    { on: 'shipment.failed', kind: 'compensation', undoes: 'payment.captured', emits: ['payment.refunded'], why: 'shipping cannot deliver: refund, then inventory releases' },
    { on: 'shipment.cancelled', kind: 'compensation', undoes: 'payment.captured', emits: ['payment.refunded'], why: 'the order is cancelled: refund what was captured (maybe 0)' },
  ],
  terminal: [],
});
