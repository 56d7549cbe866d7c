import { centsToDecimal } from './money';
import type { OrderView, ProjectedEvent } from './order-view';
import { withEvidence } from './terminal-evidence';
import { hasStepFor, stepOf, withStep } from './timeline';

/** The row an event creates when it is the first one seen for its order (e.g. a terminal event before `order.created`). */
export function emptyView(orderId: string): OrderView {
  return { orderId, status: 'PENDING', statusVersion: 0, customerId: null, items: [], total: null, version: 0, notified: false, timeline: [], createdAt: null };
}

/**
 * Folds one event into an order's view. Returns `view` itself (same reference) when the event was already
 * applied, so the caller can skip the write. Every field is a commutative fold over the events (max, set,
 * sorted insert, strongest evidence), hence the final view does not depend on arrival order or duplicates.
 */
export function project(view: OrderView | undefined, event: ProjectedEvent): OrderView {
  const current = view ?? emptyView(event.data.orderId);
  if (hasStepFor(current.timeline, event)) return current;
  const next: OrderView = { ...current, timeline: withStep(current.timeline, stepOf(event)) };
  switch (event.type) {
    case 'order.created': {
      const { data } = event;
      return {
        ...next,
        // The order's own facts: authoritative over what a terminal event that came first may have filled in.
        customerId: data.customerId,
        items: data.items.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: centsToDecimal(line.unitPriceCents) })),
        total: centsToDecimal(data.totalCents),
        createdAt: event.time,
        version: Math.max(next.version, data.orderVersion),
      };
    }
    case 'order.confirmed':
    case 'order.cancelled':
    case 'order.rejected': {
      const { data } = event;
      const status = event.type === 'order.confirmed' ? 'CONFIRMED' : event.type === 'order.rejected' ? 'REJECTED' : 'CANCELLED';
      const reason = 'reason' in data ? data.reason : undefined;
      const total = next.total ?? ('totalCents' in data ? centsToDecimal(data.totalCents) : null);
      return withEvidence(
        { ...next, customerId: next.customerId ?? data.customerId, total, version: Math.max(next.version, data.orderVersion) },
        { status, reason, orderVersion: data.orderVersion },
      );
    }
    case 'order.cancellation-requested':
      // Not an outcome (the relay may still be running), but order-service answered the cancel command with
      // this version: raising it lets the canceller read its own write with ?minVersion=.
      return { ...next, version: Math.max(next.version, event.data.orderVersion) };
    case 'customer.notified':
      return withEvidence({ ...next, notified: true }, { status: event.data.outcome, orderVersion: 0 });
    // The participants' steps: only the timeline. Status stays order-service's word, version its counter.
    case 'stock.reserved':
    case 'stock.reservation-failed':
    case 'payment.captured':
    case 'payment.declined':
    case 'shipment.scheduled':
    case 'shipment.failed':
    case 'shipment.cancelled':
    case 'payment.refunded':
    case 'stock.released':
      return next;
  }
}
