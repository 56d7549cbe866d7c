import { Decision, changed, unchanged } from '../decision';
import { Outcome, event } from '../events';
import { TerminalEvent, composeMessage } from './compose-message';
import type { Notification } from './notification';

export interface NotifyContext {
  /** A fresh UUID chosen by the caller (the contract requires the UUID format). */
  notificationId: string;
  at: string;
  /** `email` when SMTP is configured, else `store` (the message is only kept in the service's store). */
  channel: Notification['channel'];
}

const outcomes: Record<TerminalEvent['type'], Outcome> = {
  'order.confirmed': 'CONFIRMED',
  'order.rejected': 'REJECTED',
  'order.cancelled': 'CANCELLED',
};

/**
 * A terminal order event → the one message for this order. An e-mail cannot be un-sent, so whatever
 * arrives once a message exists (a duplicate, or a contradicting outcome) changes nothing.
 * Send the message after the commit; the store row is what proves it was decided once.
 */
export function notifyCustomer(
  existing: Notification | undefined,
  terminal: TerminalEvent,
  context: NotifyContext,
): Decision<Notification> {
  const { orderId, customerId } = terminal.data;
  if (existing) return unchanged(`order ${orderId} was already notified (${existing.outcome})`);
  const outcome = outcomes[terminal.type];
  const { notificationId, at, channel } = context;
  const notification: Notification = {
    notificationId,
    orderId,
    customerId,
    outcome,
    ...('reason' in terminal.data ? { reason: terminal.data.reason } : {}),
    channel,
    ...composeMessage(terminal),
    sentAt: at,
  };
  return changed(notification, [event('customer.notified', { orderId, notificationId, outcome, channel })]);
}
