import type { EventOf } from '@troupe/contracts';
import { NonRecoverableError, type HandlerContext } from '@troupe/messaging';
import { applyOrderEvent, type OrderInboundEvent } from '@troupe/saga';
import { emitAll } from '../orders/emit-all';
import { toOrder } from '../orders/order-document';
import { orders, saveChangedOrder } from '../orders/save-order';

export type ParticipantEventType = OrderInboundEvent['type'];

/**
 * The one reaction of order-service to every participant's event: load the order, let the domain decide,
 * save with the version it was loaded at and emit the outcome, all in the delivery's transaction.
 */
export async function applyParticipantEvent(event: EventOf<ParticipantEventType>, ctx: HandlerContext): Promise<void> {
  const { orderId } = event.data;
  const stored = await orders(ctx.store).get(orderId);
  // order-service commits an order before announcing it, so an event about an unknown order cannot heal by waiting.
  if (!stored) throw new NonRecoverableError(`${event.type} for unknown order ${orderId}`);

  const decision = applyOrderEvent(toOrder(stored), event as OrderInboundEvent, event.time);
  if (decision.kind === 'unchanged') {
    ctx.logger.debug({ orderId, event: event.type, why: decision.why }, 'event changes nothing');
    return;
  }
  await saveChangedOrder(ctx.store, decision.state, stored.version, new Date().toISOString());
  await emitAll(ctx, decision.emit);
}
