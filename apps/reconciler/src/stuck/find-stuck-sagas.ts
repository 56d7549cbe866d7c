import type { OrderSource } from '../run/sources';
import { isStuck } from './stuck-saga';
import type { PendingWatchlist } from './pending-watchlist';

/** Bound on how many overdue candidates one run re-reads from order-service. */
const maxCandidates = 500;

/**
 * The watchlist may be behind (the order ended, but the change is still inside the grace window), so every overdue
 * candidate is re-read from the system of record before being called stuck; ended ones leave the list.
 */
export async function findStuckSagas(watchlist: PendingWatchlist, orders: OrderSource, now: number, stuckAfterMs: number): Promise<string[]> {
  const candidates = await watchlist.overdue(new Date(now - stuckAfterMs).toISOString(), maxCandidates);
  const stuck: string[] = [];
  for (const candidate of candidates) {
    const order = await orders.get(candidate._id);
    if (order && isStuck(order, now, stuckAfterMs)) stuck.push(order.orderId);
    else if (!order || order.status !== 'PENDING') await watchlist.forget(candidate._id);
  }
  return stuck;
}
