import type { StoreSession } from '@troupe/persistence';
import type { Order } from '@troupe/saga';
import { OrderDocument, ordersCollection, toDocument } from './order-document';

export function orders(session: StoreSession) {
  return session.collection<OrderDocument>(ordersCollection);
}

/**
 * Saves a changed order only if nobody else changed it since `loadedVersion` was read (ConcurrencyError
 * otherwise): the messaging pipeline re-runs a handler that lost, routes and the sweeper re-read or skip.
 */
export async function saveChangedOrder(session: StoreSession, order: Order, loadedVersion: number, now: string): Promise<OrderDocument> {
  return orders(session).update(toDocument(order, now), loadedVersion);
}
