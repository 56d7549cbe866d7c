import type { Store } from '@troupe/persistence';
import { ordersCollection, type StoredAnalyticsOrder } from './analytics-store';
import type { OrderListCursor } from './order-list-cursor';

/**
 * Orders changed at or after `updatedSince`, ordered by (updatedAt, orderId), strictly after `after`. Two range
 * queries because the store's filters cannot say "(a > x) or (a = x and b > y)": first the rest of the cursor's
 * timestamp, then the later ones.
 */
export async function listOrders(
  store: Store,
  { updatedSince, after, limit }: { updatedSince?: string; after?: OrderListCursor; limit: number },
): Promise<StoredAnalyticsOrder[]> {
  const orders = store.collection<StoredAnalyticsOrder>(ordersCollection);
  const order = { sort: { updatedAt: 1, _id: 1 } as const };
  // A cursor older than updatedSince points before the window: the window's start wins.
  if (!after || (updatedSince && updatedSince > after.updatedAt)) return orders.find(updatedSince ? { updatedAt: { $gte: updatedSince } } : {}, { ...order, limit });
  const sameInstant = await orders.find({ updatedAt: after.updatedAt, _id: { $gt: after.orderId } }, { ...order, limit });
  if (sameInstant.length === limit) return sameInstant;
  const later = await orders.find({ updatedAt: { $gt: after.updatedAt } }, { ...order, limit: limit - sameInstant.length });
  return [...sameInstant, ...later];
}
