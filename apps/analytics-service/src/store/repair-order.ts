import type { Outcome } from '@troupe/saga';
import type { StoredAnalyticsOrder, StoredSummary } from './analytics-store';

export interface OrderRepair {
  outcome: Outcome;
  totalCents: number;
  reason?: string;
}

/** Adds (+1) or removes (-1) what one order's record contributes to the summary. */
function contribute(summary: StoredSummary, order: StoredAnalyticsOrder | undefined, sign: 1 | -1): StoredSummary {
  if (!order) return summary;
  const next: StoredSummary = { ...summary, outcomes: { ...summary.outcomes }, cancelledByReason: { ...summary.cancelledByReason } };
  if (order.created) next.ordersCreated += sign;
  if (order.notified) next.notificationsSent += sign;
  if (order.outcome) next.outcomes[order.outcome] += sign;
  if (order.outcome === 'CONFIRMED') next.revenueCents += sign * (order.totalCents ?? 0);
  if (order.outcome === 'CANCELLED' && order.reason) {
    next.cancelledByReason[order.reason] = (next.cancelledByReason[order.reason] ?? 0) + sign;
  }
  return next;
}

/**
 * The reconciler's drift repair: the order's record becomes what order-service says, and the summary moves by
 * exactly the difference, so it stays equal to the sum of the records without rescanning them.
 */
export function repairOrder(
  orderId: string,
  order: StoredAnalyticsOrder | undefined,
  summary: StoredSummary,
  repair: OrderRepair,
  at: string,
): { order: StoredAnalyticsOrder; summary: StoredSummary } {
  const repaired: StoredAnalyticsOrder = {
    ...(order ?? { notified: false }),
    _id: orderId,
    orderId,
    created: true,
    outcome: repair.outcome,
    totalCents: repair.totalCents,
    updatedAt: at,
  };
  delete repaired.reason;
  if (repair.outcome === 'CANCELLED' && repair.reason) repaired.reason = repair.reason;
  return { order: repaired, summary: contribute(contribute(summary, order, -1), repaired, 1) };
}
