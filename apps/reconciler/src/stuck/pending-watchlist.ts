import type { Store } from '@troupe/persistence';
import type { OrderRecord } from '../sources/rows';

export const pendingCollection = 'pending';

export interface PendingRow {
  _id: string;
  version?: number;
  /** ISO time, like order-service's, so range filters compare it as text correctly. */
  deadline: string;
}

/**
 * Orders the feed last showed as PENDING. A saga that never ends never changes again, so it would never come back
 * through the change feed: remembering it here is how it is found later without scanning every order.
 */
export class PendingWatchlist {
  constructor(private readonly store: Store) {}

  /** Records what the judged rows of a page showed, in one transaction (one commit per page, not per row). */
  async note(orders: readonly OrderRecord[]): Promise<void> {
    if (orders.length === 0) return;
    await this.store.transaction(async (session) => {
      const rows = session.collection<PendingRow>(pendingCollection);
      for (const order of orders) {
        if (order.status === 'PENDING') await rows.upsert({ _id: order.orderId, deadline: order.deadline });
        else await rows.delete(order.orderId);
      }
    });
  }

  /** Orders whose deadline passed before `deadlineBefore` (ISO), oldest first. */
  overdue(deadlineBefore: string, limit: number): Promise<PendingRow[]> {
    return this.store.collection<PendingRow>(pendingCollection).find({ deadline: { $lt: deadlineBefore } }, { sort: { deadline: 1 }, limit });
  }

  async forget(orderId: string): Promise<void> {
    await this.store.collection<PendingRow>(pendingCollection).delete(orderId);
  }
}
