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

export interface SweepTimes {
  /** The clock: recorded on the orders this sweep expires. */
  now: string;
  /** Every event that entered order-service's queues before this time has been applied (see `expireOrder`). */
  eventsKnownUntil: string;
}

/**
 * One pass of the deadline: PENDING orders whose deadline passed before `eventsKnownUntil`, with no undo
 * relay running yet, get `order.cancellation-requested` (timed_out). Each order is re-read and saved with
 * its version in its own transaction, so two instances sweeping together produce one request per order:
 * the loser's save fails.
 */
export async function expireOverdueOrders(store: Store, messaging: Pick<Messaging, 'transaction'>, times: SweepTimes, batchSize: number): Promise<SweepResult> {
  const cutoff = times.eventsKnownUntil < times.now ? times.eventsKnownUntil : times.now;
  const overdue = await findOverdue(store, cutoff, batchSize);
  const result: SweepResult = { expired: 0, lostRaces: 0 };
  for (const candidate of overdue) {
    const outcome = await messaging
      .transaction(async (session, outbox) => {
        const decision = expireOrder(toOrder(candidate), times.now, times.eventsKnownUntil);
        if (decision.kind === 'unchanged') return 'unchanged' as const;
        // Saved against the version the sweep read: anything that happened since makes this attempt lose.
        await saveChangedOrder(session, decision.state, candidate.version, times.now);
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

/** PENDING orders past `before` with no undo relay running (`compensating: null` also matches the field being absent). */
export function findOverdue(store: Store, before: string, limit: number) {
  return orders(store).find({ status: 'PENDING', compensating: null, deadline: { $lt: before } }, { sort: { deadline: 1 }, limit });
}
