import type { OrderView, OrderViewStatus } from './order-view';

/** What one event says about the outcome. `orderVersion` 0 = not from order-service (the notification). */
export interface TerminalEvidence {
  status: Exclude<OrderViewStatus, 'PENDING'>;
  reason?: string;
  orderVersion: number;
}

// Only breaks ties between equally versioned, contradictory evidence (never seen in a correct saga), so that
// even then the result does not depend on arrival order.
const tieRank: Record<OrderViewStatus, number> = { PENDING: 0, CONFIRMED: 1, REJECTED: 2, CANCELLED: 3 };

/**
 * Keeps the strongest evidence: order-service's latest word (highest orderVersion) wins; a notification only
 * fills in the outcome while order-service's own terminal event has not arrived.
 */
export function withEvidence(view: OrderView, evidence: TerminalEvidence): OrderView {
  if (!isStronger(evidence, view)) return view;
  const { reason: _previous, ...rest } = view;
  return {
    ...rest,
    status: evidence.status,
    statusVersion: evidence.orderVersion,
    ...(evidence.reason !== undefined ? { reason: evidence.reason } : {}),
  };
}

function isStronger(evidence: TerminalEvidence, view: OrderView): boolean {
  if (view.status === 'PENDING') return true;
  if (evidence.orderVersion !== view.statusVersion) return evidence.orderVersion > view.statusVersion;
  if (tieRank[evidence.status] !== tieRank[view.status]) return tieRank[evidence.status] > tieRank[view.status];
  // Same status and version: a reason beats none, then the larger reason, so the pick is order-free.
  return (evidence.reason ?? '') > (view.reason ?? '');
}
