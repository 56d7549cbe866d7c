import type { HttpServer, WorkerContext } from '@troupe/worker';
import { toOrderResponse } from '../orders/order-response';
import { orders } from '../orders/save-order';
import { sendError } from './http-errors';
import { orderIdParams } from './order-id-params';

/** `GET /orders/:id`: the system of record's view of one order. */
export function registerGetOrderRoute(http: HttpServer, { store }: WorkerContext): void {
  http.get<{ Params: { id: string } }>('/orders/:id', { schema: { params: orderIdParams } }, async (request, reply) => {
    const order = await orders(store).get(request.params.id);
    if (!order) return sendError(reply, 404, `order ${request.params.id} not found`);
    return toOrderResponse(order);
  });
}
