import { archiveNames, archiveQueueArguments, type ArchiveOptions } from '../archive/topology';
import { messagingDefaults } from '../messaging-defaults';

/**
 * The broker topology as plain data, derived from what a service consumes. Declared idempotently at start
 * and after every reconnect, and deleted by tests through the same description.
 */
export interface ExchangeSpec {
  name: string;
  type: 'topic' | 'headers' | 'fanout' | 'direct';
}

export interface QueueSpec {
  name: string;
  arguments: Record<string, string | number>;
}

export interface BindingSpec {
  queue: string;
  exchange: string;
  pattern: string;
  arguments?: Record<string, string>;
}

export interface Topology {
  exchanges: ExchangeSpec[];
  queues: QueueSpec[];
  bindings: BindingSpec[];
}

export interface TopologyOptions {
  /** Put in front of every name: a test namespace. Default ''. */
  prefix?: string;
  /** The consuming service, e.g. `payment-service`. */
  service: string;
  /** Routing keys (= event types) the service reacts to; one queue each. */
  consumes: readonly string[];
  /** Delays of successive handler retries. Default [1000, 5000, 25000]. */
  retryDelaysMs?: readonly number[];
  /** Quorum `x-delivery-limit`: redeliveries (crashes, requeues) before the broker dead-letters. Default 10. */
  deliveryLimit?: number;
  /**
   * Also declare the event archive (a stream of every event, see archive/topology.ts) with this retention.
   * Declared with the rest, so it exists from a service's first start and again after every reconnect.
   * Default: not declared.
   */
  archive?: Omit<ArchiveOptions, 'prefix'>;
}

/** Kept for callers that import them; the figures live in `messagingDefaults`. */
export const defaultRetryDelaysMs: readonly number[] = messagingDefaults.retryDelaysMs;
export const defaultDeliveryLimit: number = messagingDefaults.deliveryLimit;

/**
 * Header the retry exchange routes on: the delay queue whose TTL holds the message back. No `x-` prefix:
 * a headers exchange ignores binding arguments starting with `x-`, which would route to every delay queue.
 */
export const retryDelayHeader = 'troupe-retry-delay';

export interface TopologyNames {
  eventsExchange: string;
  retryExchange: string;
  deadLetterExchange: string;
  deadLetterQueue: string;
  /** Direct exchange through which the service sends fences into its own consumer queues (routing key = queue name). */
  fenceExchange: string;
  consumerQueue(routingKey: string): string;
  delayQueue(delayMs: number): string;
}

export function topologyNames(prefix: string, service: string): TopologyNames {
  const own = `${prefix}${service}`;
  return {
    eventsExchange: `${prefix}troupe.events`,
    retryExchange: `${own}.retry`,
    deadLetterExchange: `${own}.dlx`,
    deadLetterQueue: `${own}.dlq`,
    fenceExchange: `${own}.fence`,
    consumerQueue: (routingKey) => `${own}.${routingKey}`,
    delayQueue: (delayMs) => `${own}.retry.${delayMs}`,
  };
}

// At-least-once dead-lettering needs reject-publish overflow; without it quorum queues dead-letter at most once.
const quorum = { 'x-queue-type': 'quorum', 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' };

/**
 * A DLQ's redelivery bound: high enough never to be reached. A DLQ has no dead-letter exchange of its own, so a
 * letter past its delivery limit would be dropped, and every look at a letter (the DLQ tool's read returns it)
 * counts as a delivery. RabbitMQ 4.x gives quorum queues a default limit of 20, and -1 ("unlimited" on 4.x)
 * means "drop at the first return" on 3.10, so the only value that keeps letters on both is an explicit large one.
 */
export const deadLetterQueueDeliveryLimit = 2_147_483_647;

/**
 * The DLQ keeps every letter on 3.10 through 4.x: the delivery limit above, and `reject-publish` so that a length
 * limit (set later by an operator's policy) refuses new letters — the at-least-once dead-lettering of the consumer
 * queues then keeps them where they are — rather than dropping the oldest.
 */
export const deadLetterQueueArguments = {
  'x-queue-type': 'quorum',
  'x-delivery-limit': deadLetterQueueDeliveryLimit,
  'x-overflow': 'reject-publish',
} as const;

export function buildTopology(options: TopologyOptions): Topology {
  const names = topologyNames(options.prefix ?? '', options.service);
  const delays = [...new Set(options.retryDelaysMs ?? defaultRetryDelaysMs)];
  assertValid(options, delays);
  const consumerQueues = options.consumes.map((routingKey) => ({
    queue: {
      name: names.consumerQueue(routingKey),
      arguments: {
        ...quorum,
        'x-delivery-limit': options.deliveryLimit ?? defaultDeliveryLimit,
        'x-dead-letter-exchange': names.deadLetterExchange,
      },
    },
    binding: { queue: names.consumerQueue(routingKey), exchange: names.eventsExchange, pattern: routingKey },
    // Its own exchange rather than the default one: writing to the default exchange would let a service publish
    // into any queue by name, which per-service broker permissions must be able to refuse.
    fenceBinding: { queue: names.consumerQueue(routingKey), exchange: names.fenceExchange, pattern: names.consumerQueue(routingKey) },
  }));
  // A delay queue dead-letters through the service's own direct exchange (the fence exchange, where each consumer
  // queue is bound by its own name); the message was published with the original queue's name as routing key, so
  // expiry delivers it straight back to the queue it failed in. Not the default exchange: declaring a queue that
  // dead-letters there needs write on it (RabbitMQ checks the DLX at declare), which reaches every queue, and a
  // retry published with another service's queue name would be delivered there. Own queues only, this way.
  const delayQueues = delays.map((delayMs) => ({
    queue: { name: names.delayQueue(delayMs), arguments: { ...quorum, 'x-message-ttl': delayMs, 'x-dead-letter-exchange': names.fenceExchange } },
    binding: {
      queue: names.delayQueue(delayMs),
      exchange: names.retryExchange,
      pattern: '',
      arguments: { 'x-match': 'all', [retryDelayHeader]: String(delayMs) },
    },
  }));
  const archive = options.archive ? archiveSpec(options.prefix ?? '', options.archive) : undefined;
  return {
    exchanges: [
      { name: names.eventsExchange, type: 'topic' },
      { name: names.retryExchange, type: 'headers' },
      { name: names.deadLetterExchange, type: 'fanout' },
      ...(consumerQueues.length > 0 ? [{ name: names.fenceExchange, type: 'direct' as const }] : []),
    ],
    queues: [
      ...consumerQueues.map((entry) => entry.queue),
      ...delayQueues.map((entry) => entry.queue),
      { name: names.deadLetterQueue, arguments: { ...deadLetterQueueArguments } },
      ...(archive ? [archive.queue] : []),
    ],
    bindings: [
      ...consumerQueues.map((entry) => entry.binding),
      ...consumerQueues.map((entry) => entry.fenceBinding),
      ...delayQueues.map((entry) => entry.binding),
      { queue: names.deadLetterQueue, exchange: names.deadLetterExchange, pattern: '' },
      ...(archive ? [archive.binding] : []),
    ],
  };
}

function archiveSpec(prefix: string, retention: Omit<ArchiveOptions, 'prefix'>): { queue: QueueSpec; binding: BindingSpec } {
  const names = archiveNames(prefix);
  return {
    queue: { name: names.archiveStream, arguments: archiveQueueArguments(retention) },
    binding: { queue: names.archiveStream, exchange: names.eventsExchange, pattern: '#' },
  };
}

function assertValid(options: TopologyOptions, delays: number[]): void {
  if (!/^[a-z][a-z0-9-]*$/.test(options.service)) throw new Error(`invalid service name '${options.service}'`);
  for (const key of options.consumes) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(key)) throw new Error(`invalid routing key '${key}': exact '<domain>.<event>' keys only`);
  }
  if (delays.length === 0) throw new Error('retryDelaysMs must name at least one delay');
  for (const delay of delays) if (!Number.isInteger(delay) || delay <= 0) throw new Error(`invalid retry delay ${delay}`);
  const limit = options.deliveryLimit ?? defaultDeliveryLimit;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid deliveryLimit ${limit}`);
}
