import { newId } from '@troupe/contracts';
import { DuplicateKeyError } from '@troupe/persistence';
import { placeOrder, validateOrderRequest } from '@troupe/saga';
import type { HttpServer, WorkerContext } from '@troupe/worker';
import { emitAll } from '../orders/emit-all';
import { IdempotencyRecord, idempotencyKeysCollection, maxIdempotencyKeyLength, requestHash } from '../orders/idempotency';
import { OrderDocument, toDocument } from '../orders/order-document';
import { orders } from '../orders/save-order';
import { sendError, sendInvalid } from './http-errors';

type Placed = { kind: 'placed'; order: OrderDocument } | { kind: 'key-reused-with-other-body'; orderId: string };

/** `POST /orders`: the order, its idempotency key and `order.created` commit in one transaction, or none do. */
export function registerPlaceOrderRoute(http: HttpServer, { messaging, config }: WorkerContext): void {
  http.post('/orders', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > maxIdempotencyKeyLength)) {
      return sendInvalid(reply, 'headers', [{ field: 'idempotency-key', message: `must be one non-empty value of at most ${maxIdempotencyKeyLength} characters` }]);
    }
    const validated = validateOrderRequest(request.body);
    if (!validated.ok) return sendInvalid(reply, 'body', validated.errors);

    // Only a request that may be replayed needs its fingerprint; computed once, outside the (re-runnable) transaction.
    const hash = key === undefined ? undefined : requestHash(validated.value);
    const place = () =>
      messaging.transaction(async (session, outbox): Promise<Placed> => {
        const keys = session.collection<IdempotencyRecord>(idempotencyKeysCollection);
        if (key !== undefined) {
          const earlier = await keys.get(key);
          if (earlier) return replay(earlier, hash!, await orders(session).get(earlier.orderId));
        }
        const now = new Date().toISOString();
        const decision = placeOrder(validated.value, { orderId: newId(), now, deadlineMs: config.SAGA_DEADLINE_MS });
        const order = await orders(session).insert(toDocument(decision.state, now));
        if (key !== undefined) await keys.insert({ _id: key, orderId: order.orderId, requestHash: hash! });
        await emitAll(outbox, decision.emit);
        return { kind: 'placed', order };
      });

    const result = await place().catch(async (error: unknown) => {
      // A concurrent request with the same key committed first: answer with the order it created.
      if (key !== undefined && error instanceof DuplicateKeyError && error.collection === idempotencyKeysCollection) return place();
      throw error;
    });
    if (result.kind === 'key-reused-with-other-body') {
      return sendError(reply, 422, `Idempotency-Key was already used for order ${result.orderId} with a different body`, { orderId: result.orderId });
    }
    const { orderId, status, version } = result.order;
    return reply.status(202).send({ orderId, status, version });
  });
}

function replay(earlier: IdempotencyRecord, hash: string, order: OrderDocument | undefined): Placed {
  if (earlier.requestHash !== hash) return { kind: 'key-reused-with-other-body', orderId: earlier.orderId };
  // The key and its order were committed together, so a key without its order is corrupt data, not a race.
  if (!order) throw new Error(`idempotency key refers to missing order ${earlier.orderId}`);
  return { kind: 'placed', order };
}
