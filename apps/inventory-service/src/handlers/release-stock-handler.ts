import type { EventOf } from '@troupe/contracts';
import type { HandlerContext } from '@troupe/messaging';
import { releaseStock, type ReleaseTrigger } from '@troupe/saga';
import { reservationRows } from '../stock/inventory-documents';
import { applyInventoryDecision, loadSnapshot, stockBySku } from '../stock/apply-inventory-decision';

/** `payment.declined` / `payment.refunded` → give back what the order holds, once, and say so (`stock.released`). */
export async function releaseStockHandler(event: EventOf<'payment.declined' | 'payment.refunded'>, ctx: HandlerContext): Promise<void> {
  const held = await reservationRows(ctx.store).get(event.data.orderId);
  const skus = held?.status === 'RESERVED' ? held.items.map((item) => item.sku) : [];
  const snapshot = await loadSnapshot(ctx, event.data.orderId, skus);
  await applyInventoryDecision(ctx, snapshot, releaseStock(snapshot.reservation, stockBySku(snapshot), event as ReleaseTrigger));
}
