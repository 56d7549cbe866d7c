import type { OrderRecord } from '../sources/rows';

/**
 * Where the reconciler stands in order-service's change feed, which is ordered by (updatedAt, orderId): every row
 * at or before (updatedSince, after) has been judged. `after` breaks ties between rows changed in the same
 * millisecond, so a page boundary inside such a group neither repeats nor skips rows.
 */
export interface OrderCursor {
  updatedSince: string;
  after?: string;
}

/** The first run starts at the beginning of history; every later one only reads what changed since. */
export const initialCursor: OrderCursor = { updatedSince: new Date(0).toISOString() };

/** The cursor once `order` (the next row of the feed) has been judged and, if needed, repaired. */
export function cursorAfter(order: Pick<OrderRecord, 'orderId' | 'updatedAt'>): OrderCursor {
  return { updatedSince: order.updatedAt, after: order.orderId };
}

export function sameCursor(a: OrderCursor, b: OrderCursor): boolean {
  return a.updatedSince === b.updatedSince && a.after === b.after;
}
