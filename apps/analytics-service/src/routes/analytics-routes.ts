import { ConcurrencyError, type Store } from '@troupe/persistence';
import { decimalToCents, type Outcome } from '@troupe/saga';
import type { HttpServer } from '@troupe/worker';
import { loadOrder, loadSummary, saveOrderAndSummary, type StoredAnalyticsOrder } from '../store/analytics-store';
import { listOrders } from '../store/list-orders';
import { decodeCursor, encodeCursor } from '../store/order-list-cursor';
import { repairOrder } from '../store/repair-order';

/** HTTP speaks decimal currency units (19.99); events and the store keep integer cents. */
const toAmount = (cents: number | undefined): number | null => (cents === undefined ? null : cents / 100);

const orderView = (order: StoredAnalyticsOrder) => ({ orderId: order.orderId, outcome: order.outcome ?? null, total: toAmount(order.totalCents) });

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    updatedSince: { type: 'string', format: 'date-time' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    after: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

const repairBody = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome', 'total'],
  properties: {
    outcome: { enum: ['CONFIRMED', 'REJECTED', 'CANCELLED'] },
    total: { type: 'number', minimum: 0, maximum: 1_000_000_000 },
    reason: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;

export function analyticsRoutes(http: HttpServer, store: Store): void {
  http.get('/analytics/summary', async () => {
    const summary = await loadSummary(store);
    return {
      orders: { ...summary.outcomes },
      cancelledByReason: summary.cancelledByReason,
      revenue: summary.revenueCents / 100,
      ordersCreated: summary.ordersCreated,
      notificationsSent: summary.notificationsSent,
    };
  });

  http.get<{ Params: { orderId: string } }>('/analytics/orders/:orderId', async (request, reply) => {
    const order = await loadOrder(store, request.params.orderId);
    if (!order) return reply.status(404).send({ error: 'Not Found', message: `no analytics for order ${request.params.orderId}` });
    return orderView(order);
  });

  http.get<{ Querystring: { updatedSince?: string; limit: number; after?: string } }>(
    '/analytics/orders',
    { schema: { querystring: listQuery } },
    async (request, reply) => {
      const { updatedSince, limit, after } = request.query;
      const cursor = after === undefined ? undefined : decodeCursor(after);
      if (after !== undefined && !cursor) return reply.status(400).send({ error: 'Bad Request', message: 'after is not a cursor from this list' });
      const orders = await listOrders(store, { updatedSince, after: cursor, limit });
      const last = orders.at(-1);
      return {
        orders: orders.map((order) => ({ ...orderView(order), updatedAt: order.updatedAt })),
        ...(orders.length === limit && last ? { next: encodeCursor({ updatedAt: last.updatedAt, orderId: last.orderId }) } : {}),
      };
    },
  );

  http.put<{ Params: { orderId: string }; Body: { outcome: Outcome; total: number; reason?: string } }>(
    '/analytics/orders/:orderId',
    // The reconciler's repair: an admin route (Authorization: Bearer <ADMIN_TOKEN>).
    { config: { adminOnly: true }, schema: { body: repairBody } },
    async (request, reply) => {
      const { orderId } = request.params;
      const { outcome, total, reason } = request.body;
      const totalCents = decimalToCents(total);
      if (totalCents === undefined) {
        return reply.status(400).send({ error: 'Bad Request', message: 'invalid body: total must have at most 2 decimals', fields: [{ field: 'total', message: 'must have at most 2 decimals' }] });
      }
      const repair = { outcome, totalCents, reason };
      // Another instance may move the summary between our read and write: re-read and apply again.
      for (let attempt = 1; ; attempt++) {
        try {
          const repaired = await store.transaction(async (session) => {
            const order = await loadOrder(session, orderId);
            const summary = await loadSummary(session);
            const next = repairOrder(orderId, order, summary, repair, new Date().toISOString());
            await saveOrderAndSummary(session, { order, summary }, next);
            return next.order;
          });
          return orderView(repaired);
        } catch (error) {
          if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
        }
      }
    },
  );
}
