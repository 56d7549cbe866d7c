import type { EventEnvelope } from '@troupe/contracts';
import type { StoreSession } from '@troupe/persistence';
import { nextSequence, outboxCollection, type OutboxRow } from './row';

/**
 * Writes an already validated event to the outbox inside the caller's transaction. The writer holds the
 * row's lease for `leaseMs`, so it can publish right after commit without a relay racing it.
 */
export async function writeOutboxRow(session: StoreSession, event: EventEnvelope, leaseMs: number, traceparent?: string): Promise<OutboxRow> {
  const now = Date.now();
  const row: OutboxRow = {
    _id: event.id,
    seq: nextSequence(now),
    sagaId: event.correlationid,
    routingKey: event.type,
    event,
    status: 'pending',
    leaseUntil: now + leaseMs,
    createdAt: now,
  };
  if (traceparent) row.traceparent = traceparent;
  return session.collection<OutboxRow>(outboxCollection).insert(row);
}
