import { defineManifest } from '@troupe/contracts';

export const shippingServiceManifest = defineManifest({
  service: 'shipping-service',
  description: 'Schedules the shipment once the order is paid; starts the compensation relay when an order is cancelled.',
  initiates: [],
  reactions: [
    { on: 'order.created', kind: 'forward', emits: [], why: 'remember the shipping address' },
    { on: 'payment.captured', kind: 'forward', emits: ['shipment.scheduled', 'shipment.failed'], why: 'the order is paid: schedule the shipment' },
    { on: 'order.cancellation-requested', kind: 'compensation', undoes: 'shipment.scheduled', emits: ['shipment.cancelled'], why: 'cancel the shipment (or note there was none) and pass the relay to payment' },
  ],
  terminal: [],
});
