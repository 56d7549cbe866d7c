import type { ViewTarget } from '../run/sources';
import { getJson, joinUrl, putJson, type HttpOptions } from './http-json';
import type { OrderViewRow } from './rows';

/** The read model: one row per order, repaired with a full-row PUT. */
export class OrderViewClient implements ViewTarget {
  constructor(
    private readonly baseUrl: string,
    private readonly options: HttpOptions,
  ) {}

  get(orderId: string): Promise<OrderViewRow | undefined> {
    return getJson<OrderViewRow>(this.url(orderId), this.options);
  }

  /** Resolves false when the view refuses the row as older than what it holds (409): it moved on, nothing to repair. */
  async put(row: OrderViewRow): Promise<boolean> {
    return (await putJson(this.url(row.orderId), row, this.options)) !== 409;
  }

  private url(orderId: string): string {
    return joinUrl(this.baseUrl, `/orders/${encodeURIComponent(orderId)}`);
  }
}
