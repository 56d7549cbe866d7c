import assert from 'node:assert/strict';
import { expectStatus, pollUntil, toCents, type NotificationView, type OrderSystem, type ReadModelOrder, type StockView } from '@troupe/order-testing';

// What every saga path checks from outside, service by service, through the HTTP APIs only.

export async function stockLevels(system: OrderSystem, skus: readonly string[]): Promise<Map<string, StockView>> {
  const levels = await Promise.all(skus.map(async (sku) => expectStatus(await system.stock.get(sku), [200], `GET /stock/${sku}`).body));
  return new Map(levels.map((level) => [level.sku, level]));
}

/** Stock is exactly as before the order: nothing held, nothing lost. */
export async function expectStockRestored(system: OrderSystem, before: Map<string, StockView>): Promise<void> {
  const after = await stockLevels(system, [...before.keys()]);
  for (const [sku, level] of before) {
    assert.deepEqual(
      { available: after.get(sku)!.available, reserved: after.get(sku)!.reserved },
      { available: level.available, reserved: level.reserved },
      `${sku} must be back to its level before the order`,
    );
  }
}

/** Captured minus refunded is zero, with at most one capture and one refund (no payment record counts as nothing). */
export async function expectNoMoneyKept(system: OrderSystem, orderId: string): Promise<{ captured: number; refunded: number }> {
  const payment = expectStatus(await system.payments.get(orderId), [200, 404], `GET /payments/${orderId}`);
  if (payment.status === 404) return { captured: 0, refunded: 0 };
  const captured = toCents(payment.body.captured);
  const refunded = toCents(payment.body.refunded);
  assert.equal(captured - refunded, 0, `order ${orderId} kept money: ${payment.text}`);
  for (const kind of ['capture', 'refund'] as const) {
    assert.ok(payment.body.operations.filter((operation) => operation.kind === kind).length <= 1, `more than one ${kind}: ${payment.text}`);
  }
  return { captured, refunded };
}

export async function expectNotScheduled(system: OrderSystem, orderId: string): Promise<void> {
  const shipment = expectStatus(await system.shipments.get(orderId), [200, 404], `GET /shipments/${orderId}`);
  if (shipment.status === 200) assert.notEqual(shipment.body.status, 'SCHEDULED', `a shipment stays scheduled for ${orderId}`);
}

/** Waits for the notification (sent after the outcome), then checks there is exactly one, telling `outcome`. */
export async function expectOneNotification(system: OrderSystem, orderId: string, outcome: string): Promise<NotificationView> {
  const sent = await pollUntil(
    async () => {
      const answer = expectStatus(await system.notifications.forOrder(orderId), [200], 'GET /notifications');
      const mine = answer.body.notifications.filter((notification) => notification.orderId === orderId);
      return mine.length > 0 ? mine : undefined;
    },
    { timeoutMs: 20_000, what: `a notification for ${orderId}` },
  );
  assert.equal(sent.length, 1, `exactly one notification for ${orderId}: ${JSON.stringify(sent)}`);
  assert.equal(sent[0].outcome, outcome);
  return sent[0];
}

/** Waits until order-view shows the order with `status` (it is fed by events, so it lags), and returns it. */
export async function viewWhenStatus(system: OrderSystem, orderId: string, status: string): Promise<ReadModelOrder> {
  let last = '';
  return pollUntil(
    async () => {
      const answer = expectStatus(await system.orderView.get(orderId), [200, 404], `order-view GET /orders/${orderId}`);
      last = `${answer.status} ${answer.text.slice(0, 400)}`;
      return answer.status === 200 && answer.body.status === status ? answer.body : undefined;
    },
    { timeoutMs: 20_000, what: `order-view showing ${orderId} ${status}` },
    () => last,
  );
}

/** analytics-service eventually counts the order with its outcome and total. */
export async function expectAnalyticsOrder(system: OrderSystem, orderId: string, outcome: string, totalCents: number): Promise<void> {
  let last = '';
  const counted = await pollUntil(
    async () => {
      const answer = expectStatus(await system.analytics.order(orderId), [200, 404], `GET /analytics/orders/${orderId}`);
      last = `${answer.status} ${answer.text.slice(0, 300)}`;
      return answer.status === 200 && answer.body.outcome === outcome ? answer.body : undefined;
    },
    { timeoutMs: 20_000, what: `analytics counting ${orderId} ${outcome}` },
    () => last,
  );
  assert.equal(toCents(counted.total), totalCents);
}

/** Index of the first timeline step whose event matches; -1 when absent. */
export function stepIndex(view: ReadModelOrder, event: RegExp): number {
  return view.timeline.findIndex((step) => event.test(step.event));
}
