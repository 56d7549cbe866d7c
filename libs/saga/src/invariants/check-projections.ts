import type { Outcome } from '../events';
import type { InvariantViolation, SystemSnapshot } from './system-snapshot';

/** 6. order-view and analytics agree with order-service, the system of record. */
export function checkProjections(snapshot: SystemSnapshot): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  const rows = new Map(snapshot.orderView.map((row) => [row.orderId, row]));
  for (const order of snapshot.orders) {
    const row = rows.get(order.orderId);
    const fail = (message: string) => violations.push({ invariant: 6, orderId: order.orderId, message });
    if (!row) {
      fail('missing from order-view');
      continue;
    }
    if (row.status !== order.status) fail(`order-view says ${row.status}, order-service says ${order.status}`);
    if ((row.reason ?? undefined) !== (order.reason ?? undefined)) {
      fail(`order-view reason ${row.reason ?? 'none'}, order-service reason ${order.reason ?? 'none'}`);
    }
    if (row.totalCents !== undefined && row.totalCents !== order.totalCents) {
      fail(`order-view total ${row.totalCents}, order-service total ${order.totalCents}`);
    }
  }

  const expected: Record<Outcome, number> = { CONFIRMED: 0, REJECTED: 0, CANCELLED: 0 };
  let revenue = 0;
  for (const order of snapshot.orders) {
    if (order.status === 'PENDING') continue;
    expected[order.status] += 1;
    if (order.status === 'CONFIRMED') revenue += order.totalCents;
  }
  for (const outcome of ['CONFIRMED', 'REJECTED', 'CANCELLED'] as const) {
    const counted = snapshot.analytics.outcomes[outcome];
    if (counted !== expected[outcome]) {
      violations.push({ invariant: 6, message: `analytics counts ${counted} ${outcome}, order-service has ${expected[outcome]}` });
    }
  }
  if (snapshot.analytics.revenueCents !== revenue) {
    violations.push({
      invariant: 6,
      message: `analytics revenue ${snapshot.analytics.revenueCents}, CONFIRMED totals ${revenue}`,
    });
  }
  return violations;
}
