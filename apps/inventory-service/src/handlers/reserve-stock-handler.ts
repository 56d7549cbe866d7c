import type { EventOf } from '@troupe/contracts';
import type { HandlerContext } from '@troupe/messaging';
import { reserveStock, skusOf } from '@troupe/saga';
import { applyInventoryDecision, loadSnapshot, stockBySku } from '../stock/apply-inventory-decision';

/** `order.created` → reserve every item or none (`stock.reserved`, carrying the charge and address on / `stock.reservation-failed`). */
export async function reserveStockHandler(event: EventOf<'order.created'>, ctx: HandlerContext): Promise<void> {
  const snapshot = await loadSnapshot(ctx, event.data.orderId, skusOf(event.data.items));
  await applyInventoryDecision(ctx, snapshot, reserveStock(snapshot.reservation, stockBySku(snapshot), event));
}
