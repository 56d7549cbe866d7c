/**
 * The defaults of `MessagingOptions`, in one place: the pipeline, the topology, the publisher, the batcher and the
 * outbox relay read them from here, and so do callers that need the same figure (benchmarks, tests) instead of
 * restating it. Documented in libs/messaging/README.md ("Options").
 */
export const messagingDefaults = {
  /** Name prefix of every exchange and queue. */
  prefix: '',
  /** Delays between handler retries (one retry queue per distinct delay). */
  retryDelaysMs: [1000, 5000, 25000] as readonly number[],
  /** Quorum `x-delivery-limit`. */
  deliveryLimit: 10,
  /** Unacked deliveries per queue. */
  prefetch: 32,
  /** Archive records sent ahead of a read side fed from the archive (streams require a prefetch; acks are credit only). */
  archivePrefetch: 256,
  /**
   * How long a read side fed from the archive lets records gather before it applies them, once the first one
   * arrived: fewer, larger transactions (one commit, one position write, one credit ack each) for a read model
   * at most this much later. 0 applies what a socket read brought at once.
   */
  archiveLingerMs: 10,
  /** Most archive records applied in one store transaction (at most `archivePrefetch` can be waiting). */
  archiveMaxBatch: 128,
  /** Bigger bodies are dead-lettered unread. */
  maxMessageBytes: 64 * 1024,
  /** In-process re-runs after an optimistic-concurrency conflict before backing off. */
  maxConflictReruns: 3,
  /** Most deliveries committed in one store transaction. */
  maxBatch: 32,
  /** The publish window: confirms awaited at once (and outbox rows handed off but unconfirmed). */
  maxInFlightPublishes: 256,
  /** Bound of `Messaging.stop()` when no `timeoutMs` is given. */
  stopTimeoutMs: 10_000,
  outbox: {
    /** Sweep period for rows nobody published. */
    intervalMs: 1000,
    /** How long a claim keeps other relays off a row. */
    leaseMs: 10_000,
    /** Rows claimed per sweep. */
    batchSize: 200,
    /** Sent rows are deleted after this long (24 h). */
    sentRetentionMs: 86_400_000,
    /** Inbox entries are deleted after this long (7 days). */
    inboxRetentionMs: 7 * 86_400_000,
    /** An unroutable outbox event is given up once this old (5 min). */
    unroutableGraceMs: 300_000,
  },
} as const;

export type MessagingDefaults = typeof messagingDefaults;

/** The defaults of `BrokerOptions` (`connectBroker`). Documented in libs/messaging/README.md ("Options"). */
export const brokerDefaults = {
  /** Heartbeat interval negotiated with the broker, so a dead peer (or a node gone silent) is noticed. */
  heartbeatSeconds: 10,
  /** Socket connect timeout per node: a node that does not answer costs at most this before the next is tried. */
  connectTimeoutMs: 5000,
  /** Shown in the management UI. */
  connectionName: 'troupe',
  /** Which node of a list is tried first: a random one (see `BrokerOptions.firstNode`). */
  firstNode: 'random',
} as const;
