import { cancelOrder } from '@troupe/saga';
import { ConcurrencyError } from '@troupe/persistence';
import type { HttpServer, WorkerContext } from '@troupe/worker';
import { emitAll } from '../orders/emit-all';
import { OrderDocument, toOrder } from '../orders/order-document';
import { orders, saveChangedOrder } from '../orders/save-order';
import { orderIdParams } from './order-id-params';
import { sendError } from './http-errors';

type Cancelled = { kind: 'accepted'; order: OrderDocument } | { kind: 'unknown' } | { kind: 'conflict'; status: string; reason?: string };

/** A participant's event may change the order between our read and write; a few fresh attempts settle it. */
const maxAttempts = 5;

/** `POST /orders/:id/cancel`: records the request and emits `order.cancellation-requested` in one transaction. */
export function registerCancelOrderRoute(http: HttpServer, { messaging }: WorkerContext): void {
  http.post<{ Params: { id: string } }>('/orders/:id/cancel', { schema: { params: orderIdParams } }, async (request, reply) => {
    const orderId = request.params.id;
    const attempt = () =>
      messaging.transaction(async (session, outbox): Promise<Cancelled> => {
        const stored = await orders(session).get(orderId);
        if (!stored) return { kind: 'unknown' };
        const now = new Date().toISOString();
        const decision = cancelOrder(toOrder(stored), now);
        if (decision.kind === 'conflict') return { kind: 'conflict', status: decision.status, ...(decision.reason ? { reason: decision.reason } : {}) };
        if (decision.kind === 'unchanged') return { kind: 'accepted', order: stored };
        const saved = await saveChangedOrder(session, decision.state, stored.version, now);
        await emitAll(outbox, decision.emit);
        return { kind: 'accepted', order: saved };
      });

    let result: Cancelled | undefined;
    for (let tries = 1; result === undefined; tries += 1) {
      result = await attempt().catch((error: unknown) => {
        if (error instanceof ConcurrencyError && tries < maxAttempts) return undefined;
        throw error;
      });
    }
    if (result.kind === 'unknown') return sendError(reply, 404, `order ${orderId} not found`);
    if (result.kind === 'conflict') {
      const { status, reason } = result;
      return sendError(reply, 409, `order ${orderId} is already ${status}`, { orderId, status, ...(reason ? { reason } : {}) });
    }
    const { status, version } = result.order;
    return reply.status(202).send({ orderId, status, version });
  });
}
