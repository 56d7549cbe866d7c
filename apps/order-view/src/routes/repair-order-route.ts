import type { HttpServer } from '@troupe/worker';
import { nextUpdatedAt, orderViewsCollection, type OrderViewRow } from '../store/order-view-row';
import type { OrderView } from '../view/order-view';
import { compareSteps } from '../view/timeline';
import { orderIdParams } from './order-id-params';
import type { OrderViewRoutesOptions } from './order-view-routes-options';
import { viewBody, type OrderViewBody } from './view-body';

type RepairBody = Omit<OrderViewBody, 'orderId' | 'notified' | 'createdAt' | 'updatedAt' | 'customerId' | 'total'> & {
  orderId?: string;
  customerId: string;
  total: number;
  notified?: boolean;
  createdAt?: string | null;
  updatedAt?: string;
};

const dateTime = { type: 'string', format: 'date-time' } as const;
const text = { type: 'string', minLength: 1, maxLength: 128 } as const;

/** The GET body, with the facts a repair must know required; `updatedAt` is accepted but the server stamps it. */
const repairBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'customerId', 'items', 'total', 'version', 'timeline'],
  properties: {
    orderId: text,
    status: { type: 'string', enum: ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] },
    reason: { type: 'string', minLength: 1, maxLength: 64 },
    customerId: text,
    items: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'quantity', 'unitPrice'],
        properties: { sku: text, quantity: { type: 'integer', minimum: 1, maximum: 1000 }, unitPrice: { type: 'number', exclusiveMinimum: 0 } },
      },
    },
    total: { type: 'number', minimum: 0 },
    version: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
    notified: { type: 'boolean' },
    timeline: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['service', 'event', 'at'],
        properties: { service: text, event: text, at: dateTime, eventId: text },
      },
    },
    createdAt: { anyOf: [dateTime, { type: 'null' }] },
    updatedAt: dateTime,
  },
} as const;

/**
 * PUT /orders/:id: the reconciler's repair, replacing the row with what the system of record says. The repaired
 * status counts as evidence at `version`, so only a later order-service event can override it. Admin only
 * (Authorization: Bearer <ADMIN_TOKEN>).
 */
export function registerRepairOrder(http: HttpServer, { store, changes, clock = () => new Date() }: OrderViewRoutesOptions): void {
  http.put<{ Params: { id: string }; Body: RepairBody }>('/orders/:id', { config: { adminOnly: true }, schema: { params: orderIdParams, body: repairBodySchema } }, async (request, reply) => {
    const { id } = request.params;
    const body = request.body;
    if (body.orderId !== undefined && body.orderId !== id) {
      const fields = [{ field: 'orderId', message: `must equal the order id in the path (${id})` }];
      return reply.status(400).send({ error: 'Bad Request', message: `invalid body: orderId ${fields[0].message}`, fields });
    }
    const view: OrderView = {
      orderId: id,
      status: body.status,
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      statusVersion: body.status === 'PENDING' ? 0 : body.version,
      customerId: body.customerId,
      items: body.items,
      total: body.total,
      version: body.version,
      notified: body.notified ?? false,
      timeline: [...body.timeline].sort(compareSteps),
      createdAt: body.createdAt ?? null,
    };
    const saved = await store.transaction(async (session) => {
      const rows = session.collection<OrderViewRow>(orderViewsCollection);
      const previous = await rows.get(id);
      return rows.upsert({ _id: id, view, updatedAt: nextUpdatedAt(previous?.updatedAt, clock()) });
    });
    changes.changed(id);
    return viewBody(saved);
  });
}
