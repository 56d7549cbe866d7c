import type { StoreSession } from '@troupe/persistence';
import type { OrderDocument } from './order-document';
import { orders } from './save-order';

export interface PageCursor {
  updatedSince: string;
  /** The last order id already seen at exactly `updatedSince`. */
  after?: string;
}

export interface OrdersPage {
  orders: OrderDocument[];
  next?: { updatedSince: string; after: string };
}

/**
 * Keyset page over (updatedAt, orderId): the orders at exactly `updatedSince` after `after`, then the later ones.
 * The store has no OR, hence two range queries; both are served by the (updatedAt, _id) index.
 */
export async function listOrdersPage(store: StoreSession, cursor: PageCursor, limit: number): Promise<OrdersPage> {
  const collection = orders(store);
  const sort = { updatedAt: 1, _id: 1 } as const;
  const sameInstant = cursor.after === undefined ? [] : await collection.find({ updatedAt: cursor.updatedSince, _id: { $gt: cursor.after } }, { sort, limit });
  const later =
    sameInstant.length >= limit
      ? []
      : await collection.find({ updatedAt: cursor.after === undefined ? { $gte: cursor.updatedSince } : { $gt: cursor.updatedSince } }, { sort, limit: limit - sameInstant.length });
  const page = [...sameInstant, ...later];
  const last = page[page.length - 1];
  if (page.length < limit || !last) return { orders: page };
  return { orders: page, next: { updatedSince: last.updatedAt, after: last.orderId } };
}
