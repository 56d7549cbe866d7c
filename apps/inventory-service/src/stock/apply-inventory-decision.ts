import type { HandlerContext } from '@troupe/messaging';
import type { Decision, InventoryChange, StockBySku } from '@troupe/saga';
import { emitAll } from './emit-all';
import { ReservationDocument, reservationRows, StockDocument, stockRows, toStockLevel } from './inventory-documents';

/** What a handler read before deciding: the order's record and the stock rows the decision may touch. */
export interface InventorySnapshot {
  reservation?: ReservationDocument;
  stock: Record<string, StockDocument | undefined>;
}

export async function loadSnapshot(ctx: HandlerContext, orderId: string, skus: readonly string[]): Promise<InventorySnapshot> {
  const reservation = await reservationRows(ctx.store).get(orderId);
  const stock: InventorySnapshot['stock'] = {};
  // One at a time: a MongoDB session refuses parallel operations.
  for (const sku of skus) stock[sku] = await stockRows(ctx.store).get(sku);
  return { reservation, stock };
}

export function stockBySku(snapshot: InventorySnapshot): StockBySku {
  return Object.fromEntries(Object.entries(snapshot.stock).map(([sku, row]) => [sku, row && toStockLevel(row)]));
}

/**
 * Saves a `changed` decision against the versions that were read (another instance reserving the same SKU in
 * between → ConcurrencyError → the pipeline re-runs the handler on fresh rows) and emits its events.
 */
export async function applyInventoryDecision(ctx: HandlerContext, snapshot: InventorySnapshot, decision: Decision<InventoryChange>): Promise<void> {
  if (decision.kind === 'unchanged') {
    ctx.logger.debug({ why: decision.why }, 'event changes nothing');
    return;
  }
  const { reservation, stock } = decision.state;
  const reservationRow = { ...reservation, _id: reservation.orderId };
  if (snapshot.reservation) await reservationRows(ctx.store).update(reservationRow, snapshot.reservation.version ?? 1);
  else await reservationRows(ctx.store).insert(reservationRow);
  for (const level of stock) {
    const loaded = snapshot.stock[level.sku];
    const row = { ...toStockLevel(level), _id: level.sku };
    if (loaded) await stockRows(ctx.store).update(row, loaded.version ?? 1);
    else await stockRows(ctx.store).insert(row);
  }
  await emitAll(ctx, decision.emit);
}
