import { defineManifest } from '@troupe/contracts';

export const shippingServiceManifest = defineManifest({
  service: 'shipping-service',
  description: 'Schedules the shipment once the order is paid; starts the compensation relay when an order is cancelled.',
  initiates: [],
  reactions: [
    { on: 'payment.captured', kind: 'forward', emits: ['shipment.scheduled', 'shipment.failed'], why: 'the order is paid: schedule the shipment to the address the event carries' },
    { on: 'order.cancellation-requested', kind: 'compensation', undoes: 'shipment.scheduled', emits: ['shipment.cancelled'], why: 'cancel the shipment (or note there was none) and pass the relay to payment' },
  ],
  terminal: [],
});
