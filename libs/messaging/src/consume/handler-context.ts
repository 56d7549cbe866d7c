import type { EventEnvelope } from '@troupe/contracts';
import type { StoreSession } from '@troupe/persistence';
import type { EventCodec } from '../codec/codec';
import { NonRecoverableError } from '../errors';
import type { EmitOptions, HandlerContext } from './handler';
import type { MessagingLogger } from '../logger';
import { writeOutboxRow } from '../outbox/writer';
import type { OutboxRow } from '../outbox/row';

export interface EmitterDeps {
  codec: EventCodec;
  source: string;
  leaseMs: number;
}

/**
 * Validates and stores an outgoing event in the transaction's outbox, collecting the rows so they can be
 * published right after commit. An event that fails validation is a bug in the emitter: no retry fixes it.
 */
export function createEmitter(session: StoreSession, deps: EmitterDeps, rows: OutboxRow[], causedBy?: EventEnvelope, defaultTraceparent?: string) {
  return async (type: string, data: unknown, options: EmitOptions = {}): Promise<EventEnvelope> => {
    const event = deps.codec.create(type, data, { source: deps.source, causedBy });
    const errors = deps.codec.check(event);
    if (errors) throw new NonRecoverableError(`refusing to emit invalid ${type}: ${errors.join('; ')}`);
    rows.push(await writeOutboxRow(session, event, deps.leaseMs, options.traceparent ?? defaultTraceparent));
    return event;
  };
}

export function createHandlerContext(
  session: StoreSession,
  deps: EmitterDeps & { logger: MessagingLogger },
  incoming: { event: EventEnvelope; traceparent?: string; retryCount: number },
  rows: OutboxRow[],
): HandlerContext {
  const emit = createEmitter(session, deps, rows, incoming.event, incoming.traceparent);
  return {
    store: session,
    emit: emit as HandlerContext['emit'],
    logger: deps.logger,
    traceparent: incoming.traceparent,
    retryCount: incoming.retryCount,
  };
}
