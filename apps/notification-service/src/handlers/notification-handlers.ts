import type { notificationServiceManifest } from '@troupe/order-catalogue';
import type { HandlersOf } from '@troupe/worker';
import { randomUUID } from 'node:crypto';
import type { HandlerContext } from '@troupe/messaging';
import type { EventOf } from '@troupe/contracts';
import { notifyCustomer, type Notification } from '@troupe/saga';
import { insertNotification, loadNotification } from '../notifications/notifications';

type TerminalType = 'order.confirmed' | 'order.rejected' | 'order.cancelled';
type TerminalEnvelope = { [T in TerminalType]: EventOf<T> }[TerminalType];

/** `email` when SMTP is configured (the relay sends it after the commit), else the store is the only channel. */
export function notificationHandlers(channel: Notification['channel']): HandlersOf<typeof notificationServiceManifest> {
  const notify = async (event: TerminalEnvelope, ctx: HandlerContext): Promise<void> => {
    const existing = await loadNotification(ctx.store, event.data.orderId);
    const decision = notifyCustomer(existing, event, { notificationId: randomUUID(), at: new Date().toISOString(), channel });
    if (decision.kind === 'unchanged') {
      ctx.logger.debug({ why: decision.why }, 'event changes nothing');
      return;
    }
    await insertNotification(ctx.store, decision.state);
    for (const emitted of decision.emit) await ctx.emit(emitted.type, emitted.data);
  };
  return { 'order.confirmed': notify, 'order.rejected': notify, 'order.cancelled': notify };
}
