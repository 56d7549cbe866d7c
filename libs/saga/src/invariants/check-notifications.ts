import type { InvariantViolation, SystemSnapshot } from './system-snapshot';

/** 5. Exactly one notification per order, telling the outcome the order really has. */
export function checkNotifications(snapshot: SystemSnapshot): InvariantViolation[] {
  const sent = new Map<string, { outcome?: string }[]>();
  for (const notification of snapshot.notifications) {
    sent.set(notification.orderId, [...(sent.get(notification.orderId) ?? []), notification]);
  }
  const violations: InvariantViolation[] = [];
  for (const order of snapshot.orders) {
    const messages = sent.get(order.orderId) ?? [];
    if (messages.length !== 1) {
      violations.push({ invariant: 5, orderId: order.orderId, message: `${messages.length} notifications, expected 1` });
    }
    for (const { outcome } of messages) {
      if (outcome !== undefined && outcome !== order.status) {
        violations.push({ invariant: 5, orderId: order.orderId, message: `notified ${outcome} but order is ${order.status}` });
      }
    }
  }
  const orderIds = new Set(snapshot.orders.map((order) => order.orderId));
  for (const orderId of sent.keys()) {
    if (!orderIds.has(orderId)) violations.push({ invariant: 5, orderId, message: 'notification for an unknown order' });
  }
  return violations;
}
