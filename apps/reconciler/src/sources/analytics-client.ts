import type { AnalyticsTarget } from '../run/sources';
import { getJson, joinUrl, putJson, type HttpOptions } from './http-json';
import type { AnalyticsRow } from './rows';

/** analytics-service's per-order lines; its PUT keeps the summary (counts, revenue) consistent with the line. */
export class AnalyticsClient implements AnalyticsTarget {
  constructor(
    private readonly baseUrl: string,
    private readonly options: HttpOptions,
  ) {}

  get(orderId: string): Promise<AnalyticsRow | undefined> {
    return getJson<AnalyticsRow>(this.url(orderId), this.options);
  }

  async put(orderId: string, line: { outcome: string; total: number }): Promise<boolean> {
    return (await putJson(this.url(orderId), line, this.options)) !== 409;
  }

  private url(orderId: string): string {
    return joinUrl(this.baseUrl, `/analytics/orders/${encodeURIComponent(orderId)}`);
  }
}
