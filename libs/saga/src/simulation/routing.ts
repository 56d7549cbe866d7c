import type { AnalyticsEvent } from '../analytics/analytics';
import type { SagaEvent } from '../events';
import type { TerminalEvent } from '../notification/compose-message';
import type { OrderInboundEvent } from '../order/apply-order-event';
import { ViewRow, subscriptions } from './participants';

export function isOrderInbound(event: SagaEvent): event is OrderInboundEvent {
  return subscriptions.order.includes(event.type);
}

export function isTerminalEvent(event: SagaEvent): event is TerminalEvent {
  return subscriptions.notification.includes(event.type);
}

export function isAnalyticsEvent(event: SagaEvent): event is AnalyticsEvent {
  return subscriptions.analytics.includes(event.type);
}

const statusOf = { 'order.confirmed': 'CONFIRMED', 'order.rejected': 'REJECTED', 'order.cancelled': 'CANCELLED' } as const;

/** A stand-in for the order-view app: just enough of its projection for invariant 6. */
export function projectOrderView(view: Map<string, ViewRow>, event: SagaEvent): void {
  const { orderId } = event.data;
  const row = view.get(orderId);
  if (event.type === 'order.created') {
    view.set(orderId, { ...row, orderId, status: row?.status ?? 'PENDING', totalCents: event.data.totalCents });
  } else if (isTerminalEvent(event) && (!row || row.status === 'PENDING')) {
    const reason = 'reason' in event.data ? event.data.reason : undefined;
    view.set(orderId, { ...row, orderId, status: statusOf[event.type], ...(reason ? { reason } : {}) });
  }
}
