import type { Order } from '@troupe/saga';

export const ordersCollection = 'orders';

/**
 * An order as stored: the domain aggregate keyed by its id, plus `updatedAt` (wall time of the last write) that
 * the reconciler pages on. The domain's `version` doubles as the store's optimistic-concurrency version: both
 * start at 1 and every change adds one.
 */
export type OrderDocument = Order & { _id: string; updatedAt: string };

export function toDocument(order: Order, updatedAt: string): OrderDocument {
  return { ...order, _id: order.orderId, updatedAt };
}

export function toOrder(document: OrderDocument): Order {
  const { _id: _ignoredId, updatedAt: _ignoredUpdatedAt, ...order } = document;
  return order;
}
