// Upstream events as other services would publish them, built with the real contracts.
import { randomUUID } from 'node:crypto';
import { createEvent } from '@troupe/order-catalogue';

export const addressIn = ({ country = 'FR', postalCode = '75002' } = {}) => ({ name: 'Ada Lovelace', line1: '1 Main Street', city: 'Somewhere', postalCode, country });

/** `payment.captured` as payment-service publishes it: the amount and the address `stock.reserved` carried. */
export const paymentCaptured = (orderId: string, where: { country?: string; postalCode?: string } = {}) =>
  createEvent('payment.captured', { orderId, paymentId: randomUUID(), amountCents: 1999, shippingAddress: addressIn(where) }, { source: 'payment-service' });

/** `payment.captured` as a payment-service of the previous release published it: no address. */
export const paymentCapturedWithoutAddress = (orderId: string) =>
  createEvent('payment.captured', { orderId, paymentId: randomUUID(), amountCents: 1999 }, { source: 'payment-service' });

export const cancellationRequested = (orderId: string) =>
  createEvent('order.cancellation-requested', { orderId, reason: 'customer_cancelled', orderVersion: 2 }, { source: 'order-service' });

export const newOrderId = (): string => randomUUID();
