import { Changed, Unchanged, changed, unchanged } from '../decision';
import { CustomerCancelReason, event } from '../events';
import { advanceOrder } from './advance-order';
import { Order, OrderStatus, isTerminal } from './order';

/** `POST /orders/:id/cancel` on a terminal order: answer 409 with the outcome that already stands. */
export interface CancelConflict {
  kind: 'conflict';
  orderId: string;
  status: Exclude<OrderStatus, 'PENDING'>;
  reason?: Order['reason'];
}

/**
 * A customer's cancel. `changed` → 202 and publish `order.cancellation-requested`; `unchanged` → 202 as
 * well, because an undo relay is already running and will end in CANCELLED (a retried click is not a
 * second request); `conflict` → 409.
 */
export function cancelOrder(order: Order, now: string): Changed<Order> | Unchanged | CancelConflict {
  if (isTerminal(order)) {
    const status = order.status as CancelConflict['status'];
    return { kind: 'conflict', orderId: order.orderId, status, ...(order.reason ? { reason: order.reason } : {}) };
  }
  return requestCancellation(order, 'customer_cancelled', now);
}

/**
 * The deadline sweep (reconciler or a timer): a PENDING order past its deadline is compensated with
 * `timed_out`. Not yet due, already terminal or already compensating → unchanged, so running the sweep
 * twice or on two instances is harmless.
 *
 * `eventsKnownUntil`: the time before which every event sent to order-service has been applied. The deadline
 * is judged in event order, not by the clock alone: while an event emitted before the deadline may still be
 * waiting to be applied (order-service down, restarting or backlogged), the order is not expired, because
 * that event may be the one that completes it. Defaults to `now` (nothing is waiting).
 */
export function expireOrder(order: Order, now: string, eventsKnownUntil: string = now): Changed<Order> | Unchanged {
  if (isTerminal(order)) return unchanged(`order is already ${order.status}`);
  if (Date.parse(now) <= Date.parse(order.deadline)) return unchanged(`deadline ${order.deadline} not passed`);
  if (Date.parse(eventsKnownUntil) <= Date.parse(order.deadline)) {
    return unchanged(`events up to the deadline ${order.deadline} not all applied yet (known until ${eventsKnownUntil})`);
  }
  return requestCancellation(order, 'timed_out', now);
}

export function isOverdue(order: Order, now: string): boolean {
  return !isTerminal(order) && !order.compensating && Date.parse(now) > Date.parse(order.deadline);
}

function requestCancellation(order: Order, reason: CustomerCancelReason, now: string): Changed<Order> | Unchanged {
  if (order.compensating) return unchanged(`undo relay (${order.compensating}) already running`);
  const next = advanceOrder(order, { compensating: reason }, 'cancellation-requested', now);
  return changed(next, [
    event('order.cancellation-requested', { orderId: next.orderId, reason, orderVersion: next.version }),
  ]);
}
