import { viewRowFromRecord } from '../compare/repair-rows';
import type { OrderRecord, OrderViewRow } from '../sources/rows';

/** A CONFIRMED order changed at `updatedAt`; override any field. */
export function anOrder(orderId: string, updatedAt: string, overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderId,
    status: 'CONFIRMED',
    customerId: 'cust-1',
    items: [
      { sku: 'SKU-001', quantity: 2, unitPrice: 19.99 },
      { sku: 'SKU-002', quantity: 1, unitPrice: 5.5 },
    ],
    total: 45.48,
    version: 4,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt,
    deadline: '2025-01-01T00:00:30.000Z',
    ...overrides,
  };
}

/** The view row that agrees with `order`, with a timeline as order-view would have built it. */
export function agreeingView(order: OrderRecord): OrderViewRow {
  return viewRowFromRecord(order, {
    ...viewRowFromRecord(order, undefined),
    timeline: [{ service: 'order-service', event: 'order.created', at: order.createdAt }],
  });
}
