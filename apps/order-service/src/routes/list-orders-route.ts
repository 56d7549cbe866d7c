import type { HttpServer, WorkerContext } from '@troupe/worker';
import { listOrdersPage } from '../orders/list-orders-page';
import { toOrderResponse } from '../orders/order-response';
import { sendInvalid } from './http-errors';

const maxLimit = 500;

const listQuery = {
  type: 'object',
  properties: {
    updatedSince: { type: 'string', minLength: 1, maxLength: 40 },
    limit: { type: 'integer', minimum: 1, maximum: maxLimit, default: 100 },
    after: { type: 'string', minLength: 1, maxLength: 100 },
  },
  additionalProperties: false,
} as const;

interface ListQuery {
  updatedSince?: string;
  limit: number;
  after?: string;
}

/** `GET /orders?updatedSince&limit&after`: every order changed since a point, in (updatedAt, orderId) order, for the reconciler. */
export function registerListOrdersRoute(http: HttpServer, { store }: WorkerContext): void {
  http.get<{ Querystring: ListQuery }>('/orders', { schema: { querystring: listQuery } }, async (request, reply) => {
    const { updatedSince, limit, after } = request.query;
    const since = updatedSince === undefined ? new Date(0) : new Date(updatedSince);
    if (Number.isNaN(since.getTime())) return sendInvalid(reply, 'querystring', [{ field: 'updatedSince', message: 'must be an ISO 8601 timestamp' }]);
    // Stored timestamps are toISOString() output, so the normalised form compares correctly as text.
    const page = await listOrdersPage(store, { updatedSince: since.toISOString(), ...(after ? { after } : {}) }, limit);
    return { orders: page.orders.map(toOrderResponse), ...(page.next ? { next: page.next } : {}) };
  });
}
