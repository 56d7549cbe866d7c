// Upstream events as other services would publish them, built with the real contracts.
import { randomUUID } from 'node:crypto';
import { createEvent } from '@troupe/order-catalogue';

export function orderCreated(orderId: string, { country = 'FR', postalCode = '75002' } = {}) {
  return createEvent(
    'order.created',
    {
      orderId,
      customerId: 'cust-1',
      items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: 1999 }],
      totalCents: 1999,
      paymentToken: 'tok_visa',
      shippingAddress: { name: 'Ada Lovelace', line1: '1 Main Street', city: 'Somewhere', postalCode, country },
      deadline: new Date(Date.now() + 30_000).toISOString(),
      orderVersion: 1,
    },
    { source: 'order-service' },
  );
}

export const paymentCaptured = (orderId: string) =>
  createEvent('payment.captured', { orderId, paymentId: randomUUID(), amountCents: 1999 }, { source: 'payment-service' });

export const cancellationRequested = (orderId: string) =>
  createEvent('order.cancellation-requested', { orderId, reason: 'customer_cancelled', orderVersion: 2 }, { source: 'order-service' });

export const newOrderId = (): string => randomUUID();
