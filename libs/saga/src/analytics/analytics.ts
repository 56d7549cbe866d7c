import { Decision, changed, unchanged } from '../decision';
import type { Outcome, SagaEvent } from '../events';

/** Analytics' per-order record: what it has already counted, so each fact is counted once. */
export interface AnalyticsOrder {
  orderId: string;
  created: boolean;
  outcome?: Outcome;
  totalCents?: number;
  notified: boolean;
}

/** `GET /analytics/summary`. Revenue is the total of CONFIRMED orders. */
export interface AnalyticsSummary {
  ordersCreated: number;
  outcomes: Record<Outcome, number>;
  revenueCents: number;
  notificationsSent: number;
}

export interface AnalyticsState {
  order: AnalyticsOrder;
  summary: AnalyticsSummary;
}

export type AnalyticsEvent = SagaEvent<
  'order.created' | 'order.confirmed' | 'order.rejected' | 'order.cancelled' | 'customer.notified'
>;

export function emptySummary(): AnalyticsSummary {
  return { ordersCreated: 0, outcomes: { CONFIRMED: 0, REJECTED: 0, CANCELLED: 0 }, revenueCents: 0, notificationsSent: 0 };
}

const outcomeOf = { 'order.confirmed': 'CONFIRMED', 'order.rejected': 'REJECTED', 'order.cancelled': 'CANCELLED' } as const;

/**
 * Folds one event into the projection, idempotently per order: the handler saves the order record and the
 * summary together. Events may come in any order (an outcome before its `order.created` counts fine).
 */
export function applyAnalyticsEvent(
  order: AnalyticsOrder | undefined,
  summary: AnalyticsSummary,
  incoming: AnalyticsEvent,
): Decision<AnalyticsState> {
  const { orderId } = incoming.data;
  const current: AnalyticsOrder = order ?? { orderId, created: false, notified: false };
  switch (incoming.type) {
    case 'order.created':
      if (current.created) return unchanged(`order ${orderId} already counted as created`);
      // The total is kept from here too: order.rejected carries none, yet the per-order record must show it.
      return changed({
        order: { ...current, created: true, totalCents: current.totalCents ?? incoming.data.totalCents },
        summary: { ...summary, ordersCreated: summary.ordersCreated + 1 },
      });
    case 'customer.notified':
      if (current.notified) return unchanged(`order ${orderId} already counted as notified`);
      return changed({
        order: { ...current, notified: true },
        summary: { ...summary, notificationsSent: summary.notificationsSent + 1 },
      });
    default: {
      if (current.outcome) return unchanged(`order ${orderId} already counted as ${current.outcome}`);
      const outcome = outcomeOf[incoming.type];
      const totalCents = 'totalCents' in incoming.data ? incoming.data.totalCents : current.totalCents;
      const revenue = outcome === 'CONFIRMED' ? (totalCents ?? 0) : 0;
      return changed({
        order: { ...current, outcome, ...(totalCents !== undefined ? { totalCents } : {}) },
        summary: {
          ...summary,
          outcomes: { ...summary.outcomes, [outcome]: summary.outcomes[outcome] + 1 },
          revenueCents: summary.revenueCents + revenue,
        },
      });
    }
  }
}

/** Rebuilds the summary from the per-order records (for the reconciler, or to check the running totals). */
export function summarizeAnalytics(orders: readonly AnalyticsOrder[]): AnalyticsSummary {
  const summary = emptySummary();
  for (const order of orders) {
    if (order.created) summary.ordersCreated += 1;
    if (order.notified) summary.notificationsSent += 1;
    if (order.outcome) summary.outcomes[order.outcome] += 1;
    if (order.outcome === 'CONFIRMED') summary.revenueCents += order.totalCents ?? 0;
  }
  return summary;
}
