import { SagaEvent, event } from '../events';
import type { Order } from './order';

/** The one event announcing an order's final outcome, built from the order after its terminal transition. */
export function terminalEventOf(order: Order): SagaEvent {
  const { orderId, customerId, totalCents, version: orderVersion } = order;
  switch (order.status) {
    case 'CONFIRMED':
      return event('order.confirmed', { orderId, customerId, totalCents, orderVersion });
    case 'REJECTED':
      if (order.reason !== 'insufficient_stock' && order.reason !== 'unknown_sku') break;
      return event('order.rejected', { orderId, customerId, reason: order.reason, orderVersion });
    case 'CANCELLED':
      if (order.reason === undefined || order.reason === 'insufficient_stock' || order.reason === 'unknown_sku') break;
      return event('order.cancelled', { orderId, customerId, totalCents, reason: order.reason, orderVersion });
    case 'PENDING':
      break;
  }
  throw new Error(`order ${orderId} has no terminal event in status ${order.status} (reason ${order.reason})`);
}
