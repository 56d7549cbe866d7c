import { randomUUID } from 'node:crypto';
import type { SagaStatus } from '../sagas/saga-types';
import type { OrderViewBody } from '../sagas/summarise-view';

/** The steps of each kind of saga, as order-view's timeline records them (emitting service, event). */
export const sagaSteps = {
  happy: [
    ['order-service', 'order.created'], ['inventory-service', 'stock.reserved'], ['payment-service', 'payment.captured'],
    ['shipping-service', 'shipment.scheduled'], ['order-service', 'order.confirmed'], ['notification-service', 'customer.notified'],
  ],
  'shipping-failed': [
    ['order-service', 'order.created'], ['inventory-service', 'stock.reserved'], ['payment-service', 'payment.captured'],
    ['shipping-service', 'shipment.failed'], ['payment-service', 'payment.refunded'], ['inventory-service', 'stock.released'],
    ['order-service', 'order.cancelled'], ['notification-service', 'customer.notified'],
  ],
  'payment-declined': [
    ['order-service', 'order.created'], ['inventory-service', 'stock.reserved'], ['payment-service', 'payment.declined'],
    ['inventory-service', 'stock.released'], ['order-service', 'order.cancelled'], ['notification-service', 'customer.notified'],
  ],
  'out-of-stock': [['order-service', 'order.created'], ['inventory-service', 'stock.reservation-failed'], ['order-service', 'order.rejected'], ['notification-service', 'customer.notified']],
  /** Stalled at the payment provider (tok_hang). */
  running: [['order-service', 'order.created'], ['inventory-service', 'stock.reserved']],
} as const;

export type SagaKind = keyof typeof sagaSteps;

const outcomes: Record<SagaKind, { status: SagaStatus; reason?: string }> = {
  happy: { status: 'CONFIRMED' },
  'shipping-failed': { status: 'CANCELLED', reason: 'shipping_failed' },
  'payment-declined': { status: 'CANCELLED', reason: 'payment_declined' },
  'out-of-stock': { status: 'REJECTED', reason: 'insufficient_stock' },
  running: { status: 'PENDING' },
};

/** An order-view row for a saga of `kind` started at `startedAt`, one step every `stepMs`. */
export function sagaView(kind: SagaKind, options: { orderId?: string; customerId?: string; startedAt?: string; stepMs?: number; steps?: ReadonlyArray<readonly [string, string]> } = {}): OrderViewBody {
  const start = Date.parse(options.startedAt ?? '2026-12-01T10:00:00.000Z');
  const stepMs = options.stepMs ?? 20;
  const steps = options.steps ?? sagaSteps[kind];
  const timeline = steps.map(([service, event], index) => ({ service, event, at: new Date(start + index * stepMs).toISOString(), eventId: randomUUID() }));
  const { status, reason } = outcomes[kind];
  return {
    orderId: options.orderId ?? randomUUID(),
    status,
    ...(reason ? { reason } : {}),
    customerId: options.customerId ?? 'cust-1',
    items: [{ sku: 'SKU-001', quantity: 2, unitPrice: 19.99 }],
    total: 39.98,
    version: status === 'PENDING' ? 1 : 2,
    notified: timeline.some((step) => step.event === 'customer.notified'),
    timeline,
    createdAt: timeline[0]?.at ?? null,
    updatedAt: timeline.at(-1)?.at ?? new Date(start).toISOString(),
  };
}
