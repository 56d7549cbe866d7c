import type { EventEnvelope, EventMap, EventOf, EventType } from '@troupe/contracts';
import type { StoreSession } from '@troupe/persistence';
import type { MessagingLogger } from '../logger';

export interface EmitOptions {
  /** W3C trace context to carry with this event; default: the incoming event's. */
  traceparent?: string;
}

/** What a handler may touch: its service's store inside this delivery's transaction, an outbox, a logger. */
export interface HandlerContext {
  /** Every write through it commits atomically with the inbox entry and the emitted events. */
  readonly store: StoreSession;
  /**
   * Builds the envelope (causation and correlation from the incoming event), validates it and writes it to the
   * outbox in this transaction; it is published after commit. An invalid event throws NonRecoverableError.
   */
  emit<T extends EventType>(type: T, data: EventMap[T], options?: EmitOptions): Promise<EventOf<T>>;
  readonly logger: MessagingLogger;
  /**
   * The trace context of this delivery's processing (its process span; with tracing off, the incoming context),
   * when there is one. Emitted events carry it by default, so the saga stays one trace.
   */
  readonly traceparent?: string;
  /** 0 on the first delivery; n on the n-th retry through the delay queues. */
  readonly retryCount: number;
}

export type EventHandler<E extends EventEnvelope = EventEnvelope> = (event: E, ctx: HandlerContext) => Promise<void>;

/** Handlers keyed by routing key (= event type); the keys decide which queues the service consumes. */
export type HandlerMap = { [T in EventType]?: EventHandler<EventOf<T>> };
