/**
 * What messaging reports, labelled by event type; the caller adapts it to prom-client (or anything).
 * Every call happens on the hot path, so implementations must be cheap and must not throw.
 */
export interface MessagingMetrics {
  /** A delivery was handled and acknowledged (duplicates included, see `duplicate`). */
  consumed(eventType: string): void;
  /** A delivery was recognised as already processed (inbox hit) and acknowledged without effect. */
  duplicate(eventType: string): void;
  /** A handler attempt failed (before classification into retry or dead letter). */
  failed(eventType: string, reason: string): void;
  /** A delivery was sent through a delay queue for attempt `attempt` (1-based). */
  retried(eventType: string, attempt: number): void;
  /** A delivery went to the DLQ; `reason` is the classification (e.g. `invalid-data`, `handler-error`). */
  deadLettered(eventType: string, reason: string): void;
  /** Seconds from receipt to commit of the handler's transaction. */
  handlerLatency(eventType: string, seconds: number): void;
  /** An outbox row was confirmed by the broker. */
  published(eventType: string): void;
  /**
   * Seconds from handing an outbox event to the publisher to the broker's confirm: the broker's durable enqueue
   * on every queue the event routes to (a Raft commit per quorum queue), plus any wait for a free publish slot.
   */
  publishConfirmLatency(eventType: string, seconds: number): void;
  /**
   * A mandatory publish came back unroutable and was kept (delivery requeued or retried, outbox row left
   * pending). Labelled by exchange, not event type: `reason` is `no-route` (no queue bound) or `no-exchange`.
   */
  returned(exchange: string, reason: string): void;
  /** The service re-declared its topology after losing part of it; `trigger` says what noticed (e.g. `consumer-cancelled`). */
  topologyRedeclared(trigger: string): void;
  /** An outbox event stayed unroutable for longer than `outbox.unroutableGraceMs` and was given up (marked sent). */
  unroutableDropped(eventType: string): void;
  /** Takes the levels below, handed over once by `createMessaging`; an implementation without gauges leaves it out. */
  observe?(source: MessagingObservables): void;
}

/**
 * Levels read when metrics are collected (a scrape), not counted on the hot path. Each may be slow or fail: the
 * collector bounds and catches them.
 */
export interface MessagingObservables {
  /** This service's dead-letter queue. */
  deadLetterQueue: string;
  /** Letters ready in the DLQ, from the broker (passive declare); undefined while not connected. */
  deadLetterDepth(): Promise<number | undefined>;
  /** Outbox rows not yet confirmed by the broker (the relay's backlog), from the store. */
  outboxPending(): Promise<number>;
  /** This instance's consumers per queue it reads (1 while consuming, 0 while it is not). */
  consumers(): { queue: string; consumers: number }[];
}

/**
 * Upper bounds (seconds) for histograms of `handlerLatency` and `publishConfirmLatency`: fine below 10 ms, where a
 * healthy hop's commit and its broker confirm each fall, and up to 5 s for a stalled one.
 */
export const latencyBucketsSeconds: readonly number[] = [0.0005, 0.001, 0.002, 0.0025, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const ignore = (): void => undefined;

export const noopMetrics: MessagingMetrics = {
  consumed: ignore,
  duplicate: ignore,
  failed: ignore,
  retried: ignore,
  deadLettered: ignore,
  handlerLatency: ignore,
  published: ignore,
  publishConfirmLatency: ignore,
  returned: ignore,
  topologyRedeclared: ignore,
  unroutableDropped: ignore,
};
