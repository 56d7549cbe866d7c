import { expectStatus } from './http-request';
import type { OrdersClient } from './clients';
import type { OrderView } from './views';

/** Every order order-service knows, page by page through `GET /orders?updatedSince=&limit=&after=`. */
export async function listAllOrders(orders: OrdersClient, pageSize = 200): Promise<OrderView[]> {
  const all: OrderView[] = [];
  let cursor: { updatedSince: string; after?: string } = { updatedSince: new Date(0).toISOString() };
  for (let page = 0; page < 10_000; page++) {
    const answer = expectStatus(await orders.list({ ...cursor, limit: pageSize }), [200], 'GET /orders');
    all.push(...answer.body.orders);
    const next = answer.body.next;
    if (!next || answer.body.orders.length === 0) return dedupe(all);
    cursor = typeof next === 'string' ? { ...cursor, after: next } : next;
  }
  throw new Error('GET /orders: pagination did not end after 10,000 pages');
}

/** A page boundary moving under concurrent updates may repeat an order; the latest version wins. */
function dedupe(orders: OrderView[]): OrderView[] {
  const byId = new Map<string, OrderView>();
  for (const order of orders) {
    const known = byId.get(order.orderId);
    if (!known || known.version <= order.version) byId.set(order.orderId, order);
  }
  return [...byId.values()];
}
