import { ConcurrencyError, DuplicateKeyError, type StoreSession, type StoredDocument } from '@troupe/persistence';
import type { Notification } from '@troupe/saga';

/**
 * The outbox of record for customer messages: one document per order, keyed by the order id, so a second
 * message for an order cannot even be written.
 */
export const notificationsCollection = 'notifications';

export interface StoredNotification extends Notification, StoredDocument {
  /** E-mail delivery, only when the channel is `email`: the relay sends PENDING ones after the commit. */
  email?: { status: 'PENDING' | 'SENT'; attempts: number; claimedUntil?: string; sentAt?: string; lastError?: string };
}

export function loadNotification(session: StoreSession, orderId: string): Promise<StoredNotification | undefined> {
  return session.collection<StoredNotification>(notificationsCollection).get(orderId);
}

/**
 * Events never update a notification. A duplicate key means another instance wrote this order's message first:
 * reported as a lost race so the pipeline re-runs the handler at once, which then finds it and changes nothing.
 */
export async function insertNotification(session: StoreSession, notification: Notification): Promise<void> {
  const email = notification.channel === 'email' ? { email: { status: 'PENDING' as const, attempts: 0 } } : {};
  try {
    await session.collection<StoredNotification>(notificationsCollection).insert({ ...notification, ...email, _id: notification.orderId });
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw new ConcurrencyError(notificationsCollection, notification.orderId, 0, undefined);
    throw error;
  }
}
