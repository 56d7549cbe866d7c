import { Decision, changed, unchanged } from '../decision';
import type { CancelReason, SagaEvent } from '../events';
import { advanceOrder } from './advance-order';
import { Order, isTerminal } from './order';
import { terminalEventOf } from './terminal-events';

/** The events order-service consumes. */
export type OrderInboundEvent = SagaEvent<
  'stock.reservation-failed' | 'payment.declined' | 'shipment.failed' | 'shipment.scheduled' | 'stock.released'
>;

/**
 * Order-service's reaction to a participant's event. Terminal orders ignore everything (late or duplicate
 * deliveries), and while an undo relay runs nothing may move the order forward.
 * `at` is when the event happened (its envelope `time`), recorded in the timeline.
 */
export function applyOrderEvent(order: Order, incoming: OrderInboundEvent, at: string): Decision<Order> {
  if (isTerminal(order)) return unchanged(`order is already ${order.status}; ${incoming.type} changes nothing`);
  switch (incoming.type) {
    case 'stock.reservation-failed':
      // Nothing was reserved, hence nothing charged or shipped: the order can end now. If a cancellation
      // was accepted first, the customer was told "cancelled", so that outcome stands.
      if (order.compensating) return finish(order, 'CANCELLED', order.compensating, at);
      return finish(order, 'REJECTED', incoming.data.reason, at);
    case 'payment.declined':
      return startCompensation(order, 'payment_declined', 'payment-declined', at);
    case 'shipment.failed':
      return startCompensation(order, 'shipping_failed', 'shipment-failed', at);
    case 'shipment.scheduled':
      if (order.compensating) {
        return unchanged(`undo relay (${order.compensating}) already running: a late shipment does not confirm`);
      }
      return finish(order, 'CONFIRMED', undefined, at);
    case 'stock.released':
      // The relay's last hop: everything was undone. The reason the order itself recorded wins; the event's
      // reason covers a `stock.released` overtaking the `payment.declined` that started the relay.
      return finish(order, 'CANCELLED', order.compensating ?? incoming.data.reason, at);
  }
}

function startCompensation(
  order: Order,
  reason: CancelReason,
  step: 'payment-declined' | 'shipment-failed',
  at: string,
): Decision<Order> {
  if (order.compensating) return unchanged(`undo relay (${order.compensating}) already running`);
  return changed(advanceOrder(order, { compensating: reason }, step, at));
}

function finish(order: Order, status: 'CONFIRMED', reason: undefined, at: string): Decision<Order>;
function finish(order: Order, status: 'REJECTED' | 'CANCELLED', reason: Order['reason'], at: string): Decision<Order>;
function finish(order: Order, status: Order['status'], reason: Order['reason'], at: string): Decision<Order> {
  const step = status === 'CONFIRMED' ? 'confirmed' : status === 'REJECTED' ? 'rejected' : 'cancelled';
  const { compensating: _compensating, ...rest } = order;
  const next = advanceOrder(rest, { status, ...(reason ? { reason } : {}) }, step, at);
  return changed(next, [terminalEventOf(next)]);
}
