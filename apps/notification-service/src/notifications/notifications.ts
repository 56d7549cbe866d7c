import { ConcurrencyError, DuplicateKeyError, type Store, type StoreSession, type StoredDocument } from '@troupe/persistence';
import type { Notification } from '@troupe/saga';
import { pendingEmail, type EmailDelivery } from '../email/email-delivery';

/**
 * The outbox of record for customer messages: one document per order, keyed by the order id, so a second
 * message for an order cannot even be written.
 */
export const notificationsCollection = 'notifications';

export interface StoredNotification extends Notification, StoredDocument {
  /** E-mail delivery, only when the channel is `email`: the relay sends PENDING ones after the commit. */
  email?: EmailDelivery;
}

export function loadNotification(session: StoreSession, orderId: string): Promise<StoredNotification | undefined> {
  return session.collection<StoredNotification>(notificationsCollection).get(orderId);
}

/**
 * Events never update a notification. A duplicate key means another instance wrote this order's message first:
 * reported as a lost race so the pipeline re-runs the handler at once, which then finds it and changes nothing.
 */
export async function insertNotification(session: StoreSession, notification: Notification): Promise<void> {
  const email = notification.channel === 'email' ? { email: pendingEmail(notification.sentAt) } : {};
  try {
    await session.collection<StoredNotification>(notificationsCollection).insert({ ...notification, ...email, _id: notification.orderId });
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw new ConcurrencyError(notificationsCollection, notification.orderId, 0, undefined);
    throw error;
  }
}

/**
 * PENDING e-mails whose `dueAt` has passed, oldest first. Read outside any transaction, so only committed
 * messages are ever seen: an e-mail is never sent for an outcome whose handler might still roll back.
 */
export async function dueEmails(store: Store, now: string, limit: number): Promise<StoredNotification[]> {
  const notifications = store.collection<StoredNotification>(notificationsCollection);
  const due = await notifications.find({ 'email.status': 'PENDING', 'email.dueAt': { $lte: now } }, { sort: { 'email.dueAt': 1 }, limit });
  // Rows written before the relay existed have no dueAt (null matches a missing field): due at once.
  const undated = due.length < limit ? await notifications.find({ 'email.status': 'PENDING', 'email.dueAt': null }, { limit: limit - due.length }) : [];
  return [...due, ...undated];
}
