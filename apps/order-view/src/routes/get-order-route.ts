import type { HttpServer } from '@troupe/worker';
import { orderViewsCollection, type OrderViewRow } from '../store/order-view-row';
import type { OrderViewRoutesOptions } from './order-view-routes-options';
import { viewBody } from './view-body';
import { waitForVersion } from './wait-for-version';
import { orderIdParams } from './order-id-params';

interface GetOrderRequest {
  Params: { id: string };
  Querystring: { minVersion?: number };
}

/**
 * GET /orders/:id. With `?minVersion=N` (read-your-writes after a command that answered version N) it waits up to
 * the configured bound for the view to catch up, then answers 202 with Retry-After and what it has.
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
          properties: { minVersion: { type: 'integer', minimum: 0, maximum: 2_147_483_647 } },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { minVersion } = request.query;
      if (minVersion === undefined) {
        const row = await rows().get(id);
        if (!row) return reply.status(404).send({ error: 'Not Found', message: `order ${id} is not in the view` });
        return viewBody(row);
      }
      const { row, reached } = await waitForVersion(() => rows().get(id), changes, id, minVersion, minVersionWaitMs, rereadEveryMs);
      if (reached && row) return viewBody(row);
      return reply
        .status(202)
        .header('retry-after', '1')
        .send(row ? viewBody(row) : { orderId: id, version: 0 });
    },
  );
}
