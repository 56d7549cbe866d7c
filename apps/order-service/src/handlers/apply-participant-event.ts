import type { EventOf } from '@troupe/contracts';
import { NonRecoverableError, type HandlerContext } from '@troupe/messaging';
import type { ChangeSignal } from '@troupe/worker';
import { applyOrderEvent, type OrderInboundEvent } from '@troupe/saga';
import { emitAll } from '../orders/emit-all';
import { toOrder } from '../orders/order-document';
import { orders, saveChangedOrder } from '../orders/save-order';

export type ParticipantEventType = OrderInboundEvent['type'];

/**
 * The one reaction of order-service to every participant's event: load the order, let the domain decide,
 * save with the version it was loaded at and emit the outcome, all in the delivery's transaction. True when it
 * changed the order.
 */
export async function applyParticipantEvent(event: EventOf<ParticipantEventType>, ctx: HandlerContext): Promise<boolean> {
  const { orderId } = event.data;
  const stored = await orders(ctx.store).get(orderId);
  // order-service commits an order before announcing it, so an event about an unknown order cannot heal by waiting.
  if (!stored) throw new NonRecoverableError(`${event.type} for unknown order ${orderId}`);

  const decision = applyOrderEvent(toOrder(stored), event as OrderInboundEvent, event.time);
  if (decision.kind === 'unchanged') {
    ctx.logger.debug({ orderId, event: event.type, why: decision.why }, 'event changes nothing');
    return false;
  }
  await saveChangedOrder(ctx.store, decision.state, stored.version, new Date().toISOString());
  await emitAll(ctx, decision.emit);
  return true;
}

/**
 * `applyParticipantEvent`, announcing the order to `changes` once it changed it. The transaction commits after the
 * handler returns (maybe batched with others), so the wake-up is deferred a turn; a reader woken before the commit
 * sees the old order and keeps waiting, and its periodic re-read catches up.
 */
export function announcingChanges(changes: ChangeSignal): (event: EventOf<ParticipantEventType>, ctx: HandlerContext) => Promise<void> {
  return async (event, ctx) => {
    if (await applyParticipantEvent(event, ctx)) setImmediate(() => changes.changed(event.data.orderId));
  };
}
