import type { OrderRecord } from '../sources/rows';

/**
 * order-service's sweeper ends a saga at its deadline, so an order still PENDING well past it means a message was
 * lost or parked (invariant 7). `stuckAfterMs` is the slack given to the sweeper and the compensation relay.
 */
export function isStuck(order: Pick<OrderRecord, 'status' | 'deadline'>, now: number, stuckAfterMs: number): boolean {
  if (order.status !== 'PENDING') return false;
  const deadline = Date.parse(order.deadline);
  return Number.isFinite(deadline) && deadline + stuckAfterMs < now;
}

/** /status lists at most this many ids; the count is always the full one. */
export const maxReportedStuckIds = 50;
