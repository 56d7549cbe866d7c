import type { InvariantViolation, SnapshotPayment, SystemSnapshot } from './system-snapshot';

/**
 * 3. Money is conserved: CONFIRMED → captured = total and refunded = 0; any other outcome → captured −
 * refunded = 0; never more than one capture and one refund per order.
 */
export function checkMoney(snapshot: SystemSnapshot): InvariantViolation[] {
  const payments = new Map(snapshot.payments.map((payment) => [payment.orderId, payment]));
  const violations: InvariantViolation[] = [];
  const fail = (orderId: string, message: string) => violations.push({ invariant: 3, orderId, message });
  for (const order of snapshot.orders) {
    const payment: SnapshotPayment = payments.get(order.orderId) ?? {
      orderId: order.orderId,
      captured: 0,
      refunded: 0,
      operations: [],
    };
    const { captured, refunded } = payment;
    if (order.status === 'CONFIRMED') {
      if (captured !== order.totalCents || refunded !== 0) {
        fail(order.orderId, `CONFIRMED order of ${order.totalCents}: captured ${captured}, refunded ${refunded}`);
      }
    } else if (captured - refunded !== 0) {
      fail(order.orderId, `${order.status} order kept money: captured ${captured} − refunded ${refunded} ≠ 0`);
    }
    for (const kind of ['capture', 'refund'] as const) {
      const count = payment.operations.filter((operation) => operation.kind === kind).length;
      if (count > 1) fail(order.orderId, `${count} ${kind} operations, at most one allowed`);
    }
  }
  const orderIds = new Set(snapshot.orders.map((order) => order.orderId));
  for (const payment of snapshot.payments) {
    if (!orderIds.has(payment.orderId) && payment.captured - payment.refunded !== 0) {
      fail(payment.orderId, `payment for an unknown order holds ${payment.captured - payment.refunded}`);
    }
  }
  return violations;
}
