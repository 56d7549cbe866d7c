import assert from 'node:assert/strict';
import { event } from '../events';
import { aPlacedOrder, orderId } from '../fixtures';
import { AnalyticsEvent, AnalyticsOrder, AnalyticsSummary, applyAnalyticsEvent, emptySummary, summarizeAnalytics } from './analytics';

const confirmed = event('order.confirmed', { orderId, customerId: 'c', totalCents: 4498, orderVersion: 2 });
const cancelled = event('order.cancelled', { orderId, customerId: 'c', totalCents: 4498, reason: 'timed_out', orderVersion: 3 });
const notified = event('customer.notified', { orderId, notificationId: 'n', outcome: 'CONFIRMED', channel: 'store' });

function fold(events: AnalyticsEvent[]): { order?: AnalyticsOrder; summary: AnalyticsSummary } {
  let state: { order?: AnalyticsOrder; summary: AnalyticsSummary } = { summary: emptySummary() };
  for (const incoming of events) {
    const decision = applyAnalyticsEvent(state.order, state.summary, incoming);
    if (decision.kind === 'changed') state = decision.state;
  }
  return state;
}

describe('applyAnalyticsEvent', () => {
  it('counts creation, outcome, revenue and notification', () => {
    const { summary } = fold([aPlacedOrder().created, confirmed, notified]);
    assert.deepEqual(summary, {
      ordersCreated: 1,
      outcomes: { CONFIRMED: 1, REJECTED: 0, CANCELLED: 0 },
      revenueCents: 4498,
      notificationsSent: 1,
    });
  });

  it('is idempotent per order: duplicates and a contradicting outcome count once', () => {
    const once = fold([aPlacedOrder().created, confirmed, notified]);
    const twice = fold([aPlacedOrder().created, confirmed, notified, aPlacedOrder().created, confirmed, cancelled, notified]);
    assert.deepEqual(twice.summary, once.summary);
  });

  it('counts an outcome arriving before order.created', () => {
    const { summary } = fold([cancelled, aPlacedOrder().created]);
    assert.equal(summary.ordersCreated, 1);
    assert.equal(summary.outcomes.CANCELLED, 1);
    assert.equal(summary.revenueCents, 0, 'a cancelled order earns nothing');
  });

  it('keeps the order total for a rejected order, whose event carries none, in either arrival order', () => {
    const created = aPlacedOrder().created;
    const rejected = event('order.rejected', { orderId, customerId: 'c', reason: 'insufficient_stock', orderVersion: 2 });
    for (const events of [[created, rejected], [rejected, created]]) {
      const { order, summary } = fold(events);
      assert.equal(order!.outcome, 'REJECTED');
      assert.equal(order!.totalCents, created.data.totalCents);
      assert.equal(summary.revenueCents, 0);
    }
  });

  it('summarizeAnalytics rebuilds the running summary from the per-order records', () => {
    const { order, summary } = fold([aPlacedOrder().created, confirmed, notified]);
    assert.deepEqual(summarizeAnalytics([order!]), summary);
  });
});
