import type { InvariantViolation, SystemSnapshot } from './system-snapshot';

/** 1. Every order is terminal; none stays PENDING past its deadline. */
export function checkTerminal(snapshot: SystemSnapshot, now: string): InvariantViolation[] {
  return snapshot.orders
    .filter((order) => order.status === 'PENDING')
    .map((order) => ({
      invariant: 1 as const,
      orderId: order.orderId,
      message:
        Date.parse(now) > Date.parse(order.deadline)
          ? `order ${order.orderId} is still PENDING past its deadline ${order.deadline}`
          : `order ${order.orderId} is still PENDING once the system is quiet`,
    }));
}
