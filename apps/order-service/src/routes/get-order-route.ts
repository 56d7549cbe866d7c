import type { Store } from '@troupe/persistence';
import { outcomeWaitQueryProperties, waitUntil, type ChangeSignal, type HttpServer } from '@troupe/worker';
import type { OrderDocument } from '../orders/order-document';
import { toOrderResponse } from '../orders/order-response';
import { orders } from '../orders/save-order';
import { sendError } from './http-errors';
import { orderIdParams } from './order-id-params';

export interface GetOrderRouteOptions {
  store: Store;
  /** Announces orders this instance's handlers changed. */
  changes: ChangeSignal;
  /** Bound on a `?wait=terminal` without `waitMs` (config ORDER_WAIT_MS). */
  waitMs: number;
  /** While waiting, re-read at least this often, for changes committed by another instance. Default 100 ms. */
  rereadEveryMs?: number;
}

interface GetOrderRequest {
  Params: { id: string };
  Querystring: { wait?: 'terminal'; waitMs?: number };
}

/**
 * `GET /orders/:id`: the system of record's view of one order. `?wait=terminal` (read-your-outcome, after
 * `POST /orders`) waits up to `waitMs` for the order to leave PENDING, woken by the handler that changes it; then 200,
 * or 202 with Retry-After and the order as it stands.
 */
export function registerGetOrderRoute(http: HttpServer, { store, changes, waitMs: defaultWaitMs, rereadEveryMs = 100 }: GetOrderRouteOptions): void {
  http.get<GetOrderRequest>(
    '/orders/:id',
    { schema: { params: orderIdParams, querystring: { type: 'object', additionalProperties: false, properties: outcomeWaitQueryProperties } } },
    async (request, reply) => {
      const { id } = request.params;
      const { wait, waitMs } = request.query;
      const read = () => orders(store).get(id);
      if (wait === undefined) {
        const order = await read();
        if (!order) return sendError(reply, 404, `order ${id} not found`);
        return toOrderResponse(order);
      }
      // The system of record has every order it ever answered 202 for: an unknown one will not appear by waiting.
      const first = await read();
      if (!first) return sendError(reply, 404, `order ${id} not found`);
      const terminal = (order: OrderDocument): boolean => order.status !== 'PENDING';
      const { value: order, reached } = terminal(first)
        ? { value: first, reached: true }
        : await waitUntil(read, terminal, changes, id, waitMs ?? defaultWaitMs, rereadEveryMs);
      if (reached) return toOrderResponse(order!);
      return reply.status(202).header('retry-after', '1').send(toOrderResponse(order ?? first));
    },
  );
}
