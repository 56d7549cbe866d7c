import { Decision, changed, unchanged } from '../decision';
import { CancelReason, SagaEvent, event } from '../events';
import type { InventoryChange, Reservation } from './reservation';
import { StockBySku, stockOf } from './stock';

export type ReleaseTrigger = SagaEvent<'payment.declined' | 'payment.refunded'>;

/**
 * The inventory hop of the undo relay. Gives back what the order holds, once, and always answers with
 * `stock.released` the first time, even when nothing was held, so order-service learns the relay finished.
 * A trigger that arrives before `order.created` leaves a CANCELLED record, which refuses the late reservation.
 */
export function releaseStock(
  reservation: Reservation | undefined,
  stock: StockBySku,
  trigger: ReleaseTrigger,
): Decision<InventoryChange> {
  const { orderId } = trigger.data;
  const reason: CancelReason = trigger.type === 'payment.declined' ? 'payment_declined' : trigger.data.reason;
  if (reservation?.status === 'RELEASED' || reservation?.status === 'CANCELLED') {
    return unchanged(`order ${orderId} was already ${reservation.status}`);
  }
  if (reservation?.status === 'RESERVED') {
    const levels = reservation.items.map(({ sku, quantity }) => {
      const level = stockOf(stock, sku);
      return { sku, available: level.available + quantity, reserved: level.reserved - quantity };
    });
    return changed({ reservation: { ...reservation, status: 'RELEASED' }, stock: levels }, [
      event('stock.released', { orderId, items: reservation.items, reason }),
    ]);
  }
  return changed({ reservation: { orderId, status: 'CANCELLED', items: [] }, stock: [] }, [
    event('stock.released', { orderId, items: [], reason }),
  ]);
}
