import { createEvent } from './catalogue';

// Terminal order events as order-service publishes them, built with the real contracts: the upstream of every
// service that reacts to an order's outcome (analytics, notification), for their tests.

export const orderConfirmed = (orderId: string, totalCents = 4498) =>
  createEvent('order.confirmed', { orderId, customerId: 'cust-1', totalCents, orderVersion: 3 }, { source: 'order-service' });

export const orderRejected = (orderId: string) =>
  createEvent('order.rejected', { orderId, customerId: 'cust-1', reason: 'insufficient_stock', orderVersion: 2 }, { source: 'order-service' });

export const orderCancelled = (orderId: string, totalCents = 4498) =>
  createEvent('order.cancelled', { orderId, customerId: 'cust-1', totalCents, reason: 'payment_declined', orderVersion: 3 }, { source: 'order-service' });
