import { defineManifest } from '@troupe/contracts';

export const inventoryServiceManifest = defineManifest({
  service: 'inventory-service',
  description: 'Holds stock: reserves an order all-or-nothing, releases it as the last link of every compensation relay.',
  initiates: [],
  reactions: [
    { on: 'order.created', kind: 'forward', emits: ['stock.reserved', 'stock.reservation-failed'], why: 'reserve every item or none' },
    { on: 'payment.declined', kind: 'compensation', undoes: 'stock.reserved', emits: ['stock.released'], why: 'the charge failed: give the stock back' },
    { on: 'payment.refunded', kind: 'compensation', undoes: 'stock.reserved', emits: ['stock.released'], why: 'the refund relay reached inventory: give back what is held (maybe nothing)' },
  ],
  terminal: [],
});
