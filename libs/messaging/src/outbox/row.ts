import type { EventEnvelope } from '@troupe/contracts';
import type { StoredDocument } from '@troupe/persistence';

export const outboxCollection = 'troupe_outbox';

/** One event waiting to be published (or, once `sent`, kept for the retention period for inspection). */
export interface OutboxRow extends StoredDocument {
  /** The event id: a row is never written twice for one event. */
  _id: string;
  /** Orders rows of one saga; monotonic per process, roughly time-ordered across instances. */
  seq: number;
  /** The saga (envelope `correlationid`): the relay keeps publish order per saga. */
  sagaId: string;
  routingKey: string;
  event: EventEnvelope;
  traceparent?: string;
  status: 'pending' | 'sent';
  /**
   * Pending: epoch ms before which the relay leaves the row to its current owner (the writer or a claiming relay).
   * Sent: when it was sent (= `sentAt`), so that one index, (status, leaseUntil), serves both the relay's sweep
   * and the pruning of old sent rows: one index fewer to update per row, on the hottest table.
   */
  leaseUntil: number;
  createdAt: number;
  sentAt?: number;
}

let lastSequence = 0;

/** Microsecond-scaled wall clock, bumped when two rows land in the same microsecond. */
export function nextSequence(now = Date.now()): number {
  lastSequence = Math.max(now * 1000, lastSequence + 1);
  return lastSequence;
}
