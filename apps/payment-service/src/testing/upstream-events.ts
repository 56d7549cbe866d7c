// Upstream events as other services would publish them, built with the real contracts.
import { randomUUID } from 'node:crypto';
import { createEvent } from '@troupe/order-catalogue';

export function orderCreated(orderId: string, { paymentToken = 'tok_visa', totalCents = 1999 } = {}) {
  return createEvent(
    'order.created',
    {
      orderId,
      customerId: 'cust-1',
      items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: totalCents }],
      totalCents,
      paymentToken,
      shippingAddress: { name: 'Ada Lovelace', line1: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' },
      deadline: new Date(Date.now() + 30_000).toISOString(),
      orderVersion: 1,
    },
    { source: 'order-service' },
  );
}

export const stockReserved = (orderId: string) =>
  createEvent('stock.reserved', { orderId, items: [{ sku: 'SKU-001', quantity: 1 }] }, { source: 'inventory-service' });

export const shipmentFailed = (orderId: string) =>
  createEvent('shipment.failed', { orderId, reason: 'unserviceable_country' }, { source: 'shipping-service' });

export const shipmentCancelled = (orderId: string, wasScheduled = true) =>
  createEvent('shipment.cancelled', { orderId, wasScheduled, reason: 'customer_cancelled' }, { source: 'shipping-service' });

export const newOrderId = (): string => randomUUID();
