import type { InvariantViolation, SystemSnapshot } from './system-snapshot';

/**
 * 4. A shipment stays SCHEDULED only for CONFIRMED orders, and (the other direction, which the saga also
 * guarantees) every CONFIRMED order has a scheduled shipment.
 */
export function checkShipments(snapshot: SystemSnapshot): InvariantViolation[] {
  const statusOf = new Map(snapshot.orders.map((order) => [order.orderId, order.status]));
  const scheduled = new Set(
    snapshot.shipments.filter((shipment) => shipment.status === 'SCHEDULED').map((shipment) => shipment.orderId),
  );
  const violations: InvariantViolation[] = [];
  for (const orderId of scheduled) {
    const status = statusOf.get(orderId);
    if (status !== 'CONFIRMED') {
      violations.push({ invariant: 4, orderId, message: `shipment SCHEDULED for an order that is ${status ?? 'unknown'}` });
    }
  }
  for (const [orderId, status] of statusOf) {
    if (status === 'CONFIRMED' && !scheduled.has(orderId)) {
      violations.push({ invariant: 4, orderId, message: 'CONFIRMED order has no SCHEDULED shipment' });
    }
  }
  return violations;
}
