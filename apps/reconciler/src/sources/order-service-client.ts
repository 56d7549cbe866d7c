import type { OrderCursor } from '../cursor/order-cursor';
import type { ChangedOrdersPage, OrderSource } from '../run/sources';
import { getJson, joinUrl, type HttpOptions } from './http-json';
import type { OrderRecord } from './rows';

/** Reads the system of record: changed orders in (updatedAt, orderId) order, and single orders. */
export class OrderServiceClient implements OrderSource {
  constructor(
    private readonly baseUrl: string,
    private readonly options: HttpOptions,
  ) {}

  async changedSince(cursor: OrderCursor, limit: number): Promise<ChangedOrdersPage> {
    const query = new URLSearchParams({ updatedSince: cursor.updatedSince, limit: String(limit) });
    if (cursor.after) query.set('after', cursor.after);
    const page = await getJson<ChangedOrdersPage>(joinUrl(this.baseUrl, `/orders?${query}`), this.options);
    if (!page || !Array.isArray(page.orders)) throw new Error('order-service: GET /orders answered without an orders list');
    return page;
  }

  async get(orderId: string): Promise<OrderRecord | undefined> {
    return getJson<OrderRecord>(joinUrl(this.baseUrl, `/orders/${encodeURIComponent(orderId)}`), this.options);
  }
}
