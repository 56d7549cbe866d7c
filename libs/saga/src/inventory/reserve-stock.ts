import { Decision, changed, unchanged } from '../decision';
import { SagaEvent, Shortage, StockItem, event } from '../events';
import type { InventoryChange, Reservation } from './reservation';
import { StockBySku, stockOf } from './stock';

/** SKUs whose stock documents the handler must load before calling `reserveStock`. */
export function skusOf(items: readonly { sku: string }[]): string[] {
  return [...new Set(items.map((item) => item.sku))];
}

/**
 * `order.created` → reserve every item or none. Any existing record means this order was already decided
 * (a duplicate) or already compensated (a late delivery after the relay passed): both change nothing.
 * `stock.reserved` carries the order's charge (token and total) and shipping address forward, for payment and
 * shipping down the line: inventory uses neither.
 */
export function reserveStock(
  reservation: Reservation | undefined,
  stock: StockBySku,
  created: SagaEvent<'order.created'>,
): Decision<InventoryChange> {
  const { orderId, paymentToken, totalCents, shippingAddress } = created.data;
  if (reservation) return unchanged(`order ${orderId} already has a ${reservation.status} reservation`);

  const wanted = totalPerSku(created.data.items);
  const shortages: Shortage[] = wanted
    .map(({ sku, quantity }) => ({ sku, requested: quantity, available: stockOf(stock, sku).available }))
    .filter((line) => line.requested > line.available);
  if (shortages.length > 0) {
    const unknown = shortages.some((line) => stock[line.sku] === undefined);
    return changed({ reservation: { orderId, status: 'FAILED', items: [] }, stock: [] }, [
      event('stock.reservation-failed', { orderId, reason: unknown ? 'unknown_sku' : 'insufficient_stock', shortages }),
    ]);
  }

  const levels = wanted.map(({ sku, quantity }) => {
    const level = stockOf(stock, sku);
    return { sku, available: level.available - quantity, reserved: level.reserved + quantity };
  });
  return changed({ reservation: { orderId, status: 'RESERVED', items: wanted }, stock: levels }, [
    event('stock.reserved', { orderId, items: wanted, charge: { paymentToken, totalCents }, shippingAddress: { ...shippingAddress } }),
  ]);
}

function totalPerSku(items: readonly StockItem[]): StockItem[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of items) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}
