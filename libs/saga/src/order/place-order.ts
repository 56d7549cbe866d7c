import { Changed, changed } from '../decision';
import { event } from '../events';
import { orderTotalCents } from './money';
import type { Order } from './order';
import type { OrderRequest } from './order-request';

export interface PlaceOrderContext {
  /** A fresh UUID chosen by the caller (the domain makes no randomness). */
  orderId: string;
  /** ISO timestamp of acceptance. */
  now: string;
  /** How long the saga may run before it is compensated (SAGA_DEADLINE_MS). */
  deadlineMs: number;
}

/** Accepts a validated request: a PENDING order at version 1 and the `order.created` that starts the saga. */
export function placeOrder(request: OrderRequest, context: PlaceOrderContext): Changed<Order> {
  const { orderId, now, deadlineMs } = context;
  const deadline = new Date(Date.parse(now) + deadlineMs).toISOString();
  const order: Order = {
    orderId,
    customerId: request.customerId,
    items: request.items.map((line) => ({ ...line })),
    totalCents: orderTotalCents(request.items),
    paymentToken: request.paymentToken,
    shippingAddress: { ...request.shippingAddress },
    createdAt: now,
    deadline,
    status: 'PENDING',
    version: 1,
    timeline: [{ step: 'created', at: now, version: 1 }],
  };
  return changed(order, [
    event('order.created', {
      orderId,
      customerId: order.customerId,
      items: order.items,
      totalCents: order.totalCents,
      paymentToken: order.paymentToken,
      shippingAddress: order.shippingAddress,
      deadline,
      orderVersion: order.version,
    }),
  ]);
}
