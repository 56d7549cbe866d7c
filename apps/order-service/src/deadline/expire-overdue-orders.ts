import type { Messaging } from '@troupe/messaging';
import { ConcurrencyError, type Store } from '@troupe/persistence';
import { expireOrder } from '@troupe/saga';
import { emitAll } from '../orders/emit-all';
import { toOrder } from '../orders/order-document';
import { orders, saveChangedOrder } from '../orders/save-order';

export interface SweepResult {
  /** Orders this sweep turned into a `timed_out` cancellation request. */
  expired: number;
  /** Orders another writer (a second instance, a participant's event) changed first: left to that writer. */
  lostRaces: number;
}

/**
 * One pass of the deadline: PENDING orders past their deadline with no undo relay running yet get
 * `order.cancellation-requested` (timed_out). Each order is re-read and saved with its version in its own
 * transaction, so two instances sweeping together produce one request per order: the loser's save fails.
 */
export async function expireOverdueOrders(store: Store, messaging: Pick<Messaging, 'transaction'>, now: string, batchSize: number): Promise<SweepResult> {
  // `compensating: null` also matches the field being absent: orders whose relay already runs are not candidates.
  const overdue = await orders(store).find({ status: 'PENDING', compensating: null, deadline: { $lt: now } }, { sort: { deadline: 1 }, limit: batchSize });
  const result: SweepResult = { expired: 0, lostRaces: 0 };
  for (const candidate of overdue) {
    const outcome = await messaging
      .transaction(async (session, outbox) => {
        const decision = expireOrder(toOrder(candidate), now);
        if (decision.kind === 'unchanged') return 'unchanged' as const;
        // Saved against the version the sweep read: anything that happened since makes this attempt lose.
        await saveChangedOrder(session, decision.state, candidate.version, now);
        await emitAll(outbox, decision.emit);
        return 'expired' as const;
      })
      .catch((error: unknown) => {
        if (error instanceof ConcurrencyError) return 'lost' as const;
        throw error;
      });
    if (outcome === 'expired') result.expired += 1;
    if (outcome === 'lost') result.lostRaces += 1;
  }
  return result;
}
