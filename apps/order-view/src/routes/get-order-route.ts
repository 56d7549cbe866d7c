import { outcomeWaitQueryProperties, waitUntil, type HttpServer } from '@troupe/worker';
import { orderViewsCollection, type OrderViewRow } from '../store/order-view-row';
import type { OrderViewRoutesOptions } from './order-view-routes-options';
import { viewBody } from './view-body';
import { orderIdParams } from './order-id-params';

interface GetOrderRequest {
  Params: { id: string };
  Querystring: { minVersion?: number; wait?: 'terminal'; waitMs?: number };
}

/**
 * GET /orders/:id. `?minVersion=N` (read-your-writes after a command that answered version N) and `?wait=terminal`
 * (read-your-outcome: no longer PENDING) wait, each or both, up to `waitMs` (default the configured bound), woken by
 * the projection; then 200 with the view, or 202 with Retry-After and what the view has so far.
 */
export function registerGetOrder(http: HttpServer, { store, changes, minVersionWaitMs, rereadEveryMs = 100 }: OrderViewRoutesOptions): void {
  const rows = () => store.collection<OrderViewRow>(orderViewsCollection);
  http.get<GetOrderRequest>(
    '/orders/:id',
    {
      schema: {
        params: orderIdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { minVersion: { type: 'integer', minimum: 0, maximum: 2_147_483_647 }, ...outcomeWaitQueryProperties },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { minVersion, wait, waitMs } = request.query;
      if (minVersion === undefined && wait === undefined) {
        const row = await rows().get(id);
        if (!row) return reply.status(404).send({ error: 'Not Found', message: `order ${id} is not in the view` });
        return viewBody(row);
      }
      const done = (row: OrderViewRow): boolean =>
        (minVersion === undefined || row.view.version >= minVersion) && (wait === undefined || row.view.status !== 'PENDING');
      const { value: row, reached } = await waitUntil(() => rows().get(id), done, changes, id, waitMs ?? minVersionWaitMs, rereadEveryMs);
      if (reached && row) return viewBody(row);
      // Not 404 for an order not projected yet: the client has just created it, and the view is one hop behind.
      return reply
        .status(202)
        .header('retry-after', '1')
        .send(row ? viewBody(row) : { orderId: id, version: 0 });
    },
  );
}
