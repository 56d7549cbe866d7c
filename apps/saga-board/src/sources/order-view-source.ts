import type { OrderViewBody } from '../sagas/summarise-view';

/** What the board reads from order-view: one saga, and every saga changed since a time. */
export interface OrderViewSource {
  get(orderId: string): Promise<OrderViewBody | undefined>;
  /** Rows changed at or after `since`, oldest change first, at most `maxRows`; `truncated` when more remained. */
  changedSince(since: string, maxRows: number): Promise<{ rows: OrderViewBody[]; truncated: boolean }>;
}

export class SourceUnavailableError extends Error {}

const pageSize = 500;

/** order-view over HTTP (its `GET /orders/:id` and change feed `GET /orders/changes`). */
export function orderViewSource(baseUrl: string, timeoutMs: number): OrderViewSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const call = async (path: string): Promise<Response> => {
    try {
      return await fetch(new URL(path, base), { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new SourceUnavailableError(`order-view at ${baseUrl} did not answer: ${(error as Error).message}`);
    }
  };
  return {
    async get(orderId) {
      const response = await call(`orders/${encodeURIComponent(orderId)}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new SourceUnavailableError(`order-view answered ${response.status} for order ${orderId}`);
      return (await response.json()) as OrderViewBody;
    },
    async changedSince(since, maxRows) {
      const rows: OrderViewBody[] = [];
      let cursor: { updatedSince: string; after?: string } = { updatedSince: since };
      for (;;) {
        const query = new URLSearchParams({ updatedSince: cursor.updatedSince, limit: String(pageSize), ...(cursor.after ? { after: cursor.after } : {}) });
        const response = await call(`orders/changes?${query}`);
        if (!response.ok) throw new SourceUnavailableError(`order-view answered ${response.status} for its change feed`);
        const page = (await response.json()) as { orders: OrderViewBody[]; next?: { updatedSince: string; after: string } };
        rows.push(...page.orders);
        if (!page.next) return { rows, truncated: false };
        if (rows.length >= maxRows) return { rows, truncated: true };
        cursor = page.next;
      }
    },
  };
}
