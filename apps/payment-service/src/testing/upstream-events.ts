// Upstream events as other services would publish them, built with the real contracts.
import { randomUUID } from 'node:crypto';
import { createEvent } from '@troupe/order-catalogue';

export const shippingAddress = { name: 'Ada Lovelace', line1: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' };

/** `stock.reserved` as inventory-service publishes it: the items held, the order's charge and shipping address. */
export const stockReserved = (orderId: string, { paymentToken = 'tok_visa', totalCents = 1999 } = {}) =>
  createEvent(
    'stock.reserved',
    { orderId, items: [{ sku: 'SKU-001', quantity: 1 }], charge: { paymentToken, totalCents }, shippingAddress },
    { source: 'inventory-service' },
  );

/** `stock.reserved` as an inventory-service of the previous release published it: no charge, no address. */
export const stockReservedWithoutCharge = (orderId: string) =>
  createEvent('stock.reserved', { orderId, items: [{ sku: 'SKU-001', quantity: 1 }] }, { source: 'inventory-service' });

export const shipmentFailed = (orderId: string) =>
  createEvent('shipment.failed', { orderId, reason: 'unserviceable_country' }, { source: 'shipping-service' });

export const shipmentCancelled = (orderId: string, wasScheduled = true) =>
  createEvent('shipment.cancelled', { orderId, wasScheduled, reason: 'customer_cancelled' }, { source: 'shipping-service' });

export const newOrderId = (): string => randomUUID();
