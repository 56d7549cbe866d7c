import type { OrderRecord, OrderViewRow } from '../sources/rows';

/**
 * The view row the system of record says should exist. The timeline is the view's own history of which service
 * did what (order-service does not know it), so an existing one is kept; a row rebuilt from nothing starts empty.
 */
export function viewRowFromRecord(order: OrderRecord, current: OrderViewRow | undefined): OrderViewRow {
  return {
    orderId: order.orderId,
    status: order.status,
    ...(order.reason ? { reason: order.reason } : {}),
    customerId: order.customerId,
    items: order.items.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
    total: order.total,
    version: order.version,
    timeline: Array.isArray(current?.timeline) ? current.timeline : [],
    updatedAt: order.updatedAt,
  };
}

/** Analytics' line for a terminal order: its outcome is the order's final status. */
export function analyticsLineFromRecord(order: OrderRecord): { outcome: string; total: number } {
  return { outcome: order.status, total: order.total };
}
