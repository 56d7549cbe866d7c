import type { OrderCursor } from '../cursor/order-cursor';
import type { ChangedOrdersPage } from '../run/sources';
import type { OrderRecord } from '../sources/rows';

/**
 * order-service's change feed as its contract describes it, for the fakes: rows after the cursor in
 * (updatedAt, orderId) order — at or after `updatedSince` when there is no `after`, strictly past
 * (updatedSince, after) when there is — and `next` when the page is full.
 */
export function changedOrdersPage(orders: Iterable<OrderRecord>, cursor: OrderCursor, limit: number): ChangedOrdersPage {
  const key = (order: OrderRecord) => [order.updatedAt, order.orderId] as const;
  const isPastCursor = (order: OrderRecord) => {
    const [updatedAt, orderId] = key(order);
    if (cursor.after === undefined) return updatedAt >= cursor.updatedSince;
    return updatedAt > cursor.updatedSince || (updatedAt === cursor.updatedSince && orderId > cursor.after);
  };
  const sorted = [...orders].filter(isPastCursor).sort((a, b) => (a.updatedAt === b.updatedAt ? cmp(a.orderId, b.orderId) : cmp(a.updatedAt, b.updatedAt)));
  const page = sorted.slice(0, limit);
  const last = page[page.length - 1];
  return sorted.length > limit && last ? { orders: page, next: { updatedSince: last.updatedAt, after: last.orderId } } : { orders: page };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
