import type { EventCatalogue, EventMap, EventOf, EventType, Intake } from '@troupe/contracts';
import type { Store, StoreSession } from '@troupe/persistence';
import { noTracing, type Tracing } from '@troupe/tracing';
import { BackgroundDispatch } from './publish/background-dispatch';
import { managed, type BrokerConnection } from './connection/broker-connection';
import type { EventCodec } from './codec/codec';
import { ConfirmPublisher } from './publish/confirm-publisher';
import { ArchiveIntake, archiveParkCollection, archivePositionCollection } from './consume/archive-intake';
import { archiveNames } from './archive/topology';
import { ConsumerGroup } from './consume/consumer-group';
import { catalogueCodec } from './codec/catalogue-codec';
import { DeliveryPipeline } from './consume/delivery-pipeline';
import { describeError, type UnroutableError } from './errors';
import type { EmitOptions, HandlerMap } from './consume/handler';
import { createEmitter } from './consume/handler-context';
import { inboxCollection } from './consume/inbox';
import { silentLogger, type MessagingLogger } from './logger';
import { noopMetrics, type MessagingMetrics } from './metrics';
import { OutboxDispatcher } from './outbox/dispatcher';
import { defaultLeaseMs, OutboxRelay, type OutboxRelayOptions } from './outbox/relay';
import { outboxCollection, type OutboxRow } from './outbox/row';
import { fenceHeader, QueueFences } from './consume/queue-fences';
import { TopologyGuard } from './topology/guard';
import { TransactionBatcher } from './consume/transaction-batcher';
import { buildTopology, defaultRetryDelaysMs, topologyNames, type Topology, type TopologyOptions } from './topology/topology';
import { messagingDefaults } from './messaging-defaults';

export interface MessagingOptions {
  broker: BrokerConnection;
  /** The service's own store: inbox, outbox and the handlers' state live in it. */
  store: Store;
  /** Service name: queue names, inbox keys, event `source`. */
  service: string;
  /** What the service reacts to; keys decide the queues (or, with an archive intake, the records applied). Default {} (a producer only). */
  handlers?: HandlerMap;
  /**
   * `queues` (default): one quorum queue per handled event. `archive`: no queues; the handlers are fed from the
   * event archive in order, the read position kept in the store (see consume/archive-intake.ts). For read sides.
   */
  intake?: Intake;
  /** Name prefix for a test namespace. Default ''. */
  prefix?: string;
  /** Delays between handler retries. Default [1000, 5000, 25000]. */
  retryDelaysMs?: readonly number[];
  /** Quorum `x-delivery-limit`. Default 10. */
  deliveryLimit?: number;
  /** Declare the event archive stream with the topology, with this retention. Default: not declared. */
  archive?: TopologyOptions['archive'];
  /** Unacked deliveries per queue. Default 32. */
  prefetch?: number;
  /** Bigger bodies are dead-lettered unread. Default 64 KiB. */
  maxMessageBytes?: number;
  /** In-process re-runs after an optimistic-concurrency conflict before backing off. Default 3. */
  maxConflictReruns?: number;
  /** The events this service may consume and emit: every delivery is decoded and every emit validated against it. */
  catalogue: EventCatalogue;
  /** Parser, validator and envelope builder. Default: `catalogueCodec(catalogue)`. */
  codec?: EventCodec;
  metrics?: MessagingMetrics;
  logger?: MessagingLogger;
  /** Most deliveries committed in one store transaction (group commit under load). Default 32; 1 disables batching. */
  maxBatch?: number;
  /** Archive intake: how long records gather before a batch is applied (see `messagingDefaults`). Default 10 ms. */
  archiveLingerMs?: number;
  /** Archive intake: most records applied in one store transaction. Default 128. */
  archiveMaxBatch?: number;
  /** Confirms awaited at once by the publisher. Default 256. */
  maxInFlightPublishes?: number;
  outbox?: OutboxRelayOptions;
  /** Publish and process spans; emitted events carry their context. Default: pass-through (records nothing). */
  tracing?: Tracing;
}

/** What a producer outside a handler (an HTTP command) may do inside its transaction. */
export interface ProducerOutbox {
  emit<T extends EventType>(type: T, data: EventMap[T], options?: EmitOptions): Promise<EventOf<T>>;
}

export interface Messaging {
  readonly topology: Topology;
  /** Ensures store indexes and starts the relay; declares topology and consumes now if connected, else on connect. */
  start(): Promise<void>;
  /**
   * True while connected, the topology is declared for this connection and every consumer is consuming: false
   * from the moment a consumer loses its queue or channel until it has re-declared the topology and consumes again.
   */
  isReady(): boolean;
  /**
   * Runs `work` in one store transaction whose emitted events go to the outbox; publishes them right after
   * commit (failures are left to the relay). Resolves with `work`'s result once the commit is durable and its
   * events are under way — not yet confirmed: what a failed publish or a crash leaves, the relay publishes.
   * Group-committed with the deliveries and other commands in flight: `work` may share its transaction with them
   * and may run more than once (only the attempt that commits counts), so it must keep its effects in the session.
   * A throw fails this command alone.
   */
  transaction<R>(work: (session: StoreSession, outbox: ProducerOutbox) => Promise<R>): Promise<R>;
  /**
   * Sends a fence into each of the service's consumer queues, behind whatever they hold now; resolves once
   * the broker has confirmed them. Cheap (one empty message per queue); lost fences are simply sent again.
   */
  sendFence(): Promise<void>;
  /**
   * A time before which every message that entered the service's queues has been handled by this instance
   * (committed, sent to retry, or dead-lettered): the send time of the oldest of the newest fences its
   * consumers have passed. Undefined until a fence has passed every queue since start. A message waiting
   * in a retry delay queue, or held by another instance, is not covered.
   */
  drainedUntil(): Date | undefined;
  /** Publishes whatever the outbox holds unsent and unclaimed now (normally the relay's timer does). */
  relayNow(): Promise<void>;
  /** Cancels consumers, waits (each bounded by `timeoutMs`, default 10 s) for handlers and publishes in flight, flushes the outbox marks, closes channels. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export function createMessaging(options: MessagingOptions): Messaging {
  const connection = managed(options.broker);
  const logger = options.logger ?? silentLogger;
  const metrics = options.metrics ?? noopMetrics;
  const codec = options.codec ?? catalogueCodec(options.catalogue);
  const tracing = options.tracing ?? noTracing(options.service);
  const handlers = options.handlers ?? {};
  const prefix = options.prefix ?? messagingDefaults.prefix;
  const retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const leaseMs = options.outbox?.leaseMs ?? defaultLeaseMs;
  const maxMessageBytes = options.maxMessageBytes ?? messagingDefaults.maxMessageBytes;
  const maxConflictReruns = options.maxConflictReruns ?? messagingDefaults.maxConflictReruns;
  const fromArchive = options.intake === 'archive';
  // An archive intake has no queues of its own, and needs the archive to exist.
  const consumes = fromArchive ? [] : Object.keys(handlers);
  const archive = fromArchive ? (options.archive ?? {}) : options.archive;
  const topology = buildTopology({ prefix, service: options.service, consumes, retryDelaysMs, deliveryLimit: options.deliveryLimit, archive });
  const names = topologyNames(prefix, options.service);

  const guard = new TopologyGuard(connection, topology, logger, metrics);
  const redeclare = (trigger: string): Promise<void> => guard.redeclare(trigger);
  const onUnroutable = (error: UnroutableError): void => {
    metrics.returned(error.exchange, error.reason);
    // Only the service's own exchanges and queues are ours to put back: an event nobody's queue is bound to is the
    // consumers' business (their own group re-declares), unless the events exchange itself is missing.
    const ours = error.exchange !== names.eventsExchange || error.reason === 'no-exchange';
    logger.warn(
      { exchange: error.exchange, routingKey: error.routingKey, reason: error.reason, replyText: error.replyText },
      ours ? 'publish returned unroutable; kept, re-declaring the topology' : 'event routed to no queue; kept pending in the outbox',
    );
    if (ours) void guard.redeclare(`returned-${error.reason}`).catch(() => undefined);
  };
  const publisher = new ConfirmPublisher(connection, logger, { maxInFlight: options.maxInFlightPublishes, onUnroutable });
  const dispatcher = new OutboxDispatcher(options.store, publisher, names.eventsExchange, metrics, logger, tracing, undefined, options.outbox?.unroutableGraceMs);
  const background = new BackgroundDispatch(dispatcher, options.maxInFlightPublishes);
  const relay = new OutboxRelay(options.store, dispatcher, logger, () => connection.isConnected(), options.outbox);
  // One group commit for deliveries and producers (HTTP commands) alike: under load they share commits and flushes.
  const transactions = new TransactionBatcher(options.store, { maxBatch: options.maxBatch });
  const pipeline = new DeliveryPipeline({
    service: options.service,
    transactions,
    codec,
    handlers,
    publisher,
    dispatch: background,
    names,
    retryDelaysMs,
    maxMessageBytes,
    maxConflictReruns,
    leaseMs,
    metrics,
    logger,
    tracing,
    redeclareTopology: redeclare,
  });
  const sources = consumes.map((routingKey) => ({ queue: names.consumerQueue(routingKey), routingKey }));
  const fences = new QueueFences(sources.map((source) => source.queue));
  const consumers = new ConsumerGroup(connection, sources, pipeline, options.prefetch ?? messagingDefaults.prefetch, logger, fences, { redeclare });
  const archiveIntake = fromArchive
    ? new ArchiveIntake({
        service: options.service,
        connection,
        store: options.store,
        codec,
        handlers,
        stream: archiveNames(prefix).archiveStream,
        deadLetterExchange: names.deadLetterExchange,
        publisher,
        prefetch: messagingDefaults.archivePrefetch,
        maxBatch: options.archiveMaxBatch ?? messagingDefaults.archiveMaxBatch,
        lingerMs: options.archiveLingerMs ?? messagingDefaults.archiveLingerMs,
        retryDelaysMs,
        maxConflictReruns,
        maxMessageBytes,
        leaseMs,
        metrics,
        logger,
        tracing,
      })
    : undefined;
  const consuming = (): boolean => consumers.isConsuming() && (archiveIntake?.isConsuming() ?? true);
  metrics.observe?.({
    deadLetterQueue: names.deadLetterQueue,
    deadLetterDepth: () => readyCount(connection, names.deadLetterQueue),
    outboxPending: () => options.store.collection<OutboxRow>(outboxCollection).count({ status: 'pending' }),
    consumers: () => [
      ...consumers.consumerCounts(),
      ...(archiveIntake ? [{ queue: archiveNames(prefix).archiveStream, consumers: archiveIntake.isConsuming() ? 1 : 0 }] : []),
    ],
  });

  let stopped = false;
  let declaredGeneration = 0;
  let setup: Promise<void> | undefined;

  const setUp = async (): Promise<void> => {
    const generation = connection.current()?.generation;
    if (stopped || generation === undefined) return;
    const startConsuming = () => Promise.all([consumers.start(), archiveIntake?.start()]);
    // On a reconnect the queues this process declared are durable (and replicated on a cluster), so consuming need
    // not wait for the re-declaration, which on a cluster losing a node can take as long as that node's shutdown
    // (binding declarations wait for it). A queue that did go missing fails its consume; the set-up then runs again
    // once the declaration is done. Readiness still waits for the declaration.
    const consuming = declaredGeneration === 0 ? undefined : startConsuming();
    consuming?.catch(() => undefined);
    await guard.declare();
    declaredGeneration = generation;
    await (consuming ?? startConsuming());
    void relay.sweep();
  };
  const onConnected = (): void => {
    setup ??= setUp()
      .catch((error: unknown) => {
        logger.error({ err: describeError(error) }, 'messaging set-up failed; retrying');
        setTimeout(() => connection.isConnected() && onConnected(), 1000).unref();
      })
      .finally(() => (setup = undefined));
  };

  return {
    topology,
    async start() {
      // Compiled now rather than by the first delivery, which would otherwise wait for every schema to compile.
      options.catalogue.validator();
      await options.store.ensureIndex(outboxCollection, { fields: ['status', 'leaseUntil'] });
      // The relay walks pending rows in `seq` order: without this index MongoDB sorts the whole backlog in memory.
      await options.store.ensureIndex(outboxCollection, { fields: ['status', 'seq'] });
      await options.store.ensureIndex(inboxCollection, { fields: ['receivedAt'] });
      if (archiveIntake) {
        await options.store.ensureCollection(archivePositionCollection);
        await options.store.ensureCollection(archiveParkCollection);
      }
      connection.on('connected', onConnected);
      relay.start();
      if (connection.isConnected()) {
        onConnected();
        await setup;
      }
    },
    isReady: () => !stopped && connection.isConnected() && declaredGeneration === connection.current()?.generation && consuming(),
    async transaction(work) {
      // Taken here, in the caller's context (the HTTP request's span): the rows continue that trace.
      const traceparent = tracing.currentTraceparent();
      const { value: result, rows } = await transactions.run(async (session) => {
        // Collected per attempt: when the store (or the group commit) re-runs the function, the rows of the
        // rolled-back attempt are not in the store, so they must not be published either. Only the attempt that
        // commits is returned.
        const attempt: OutboxRow[] = [];
        const emit = createEmitter(session, { codec, source: options.service, leaseMs }, attempt, undefined, traceparent);
        const value = await work(session, { emit: emit as ProducerOutbox['emit'] });
        return { value, rows: attempt };
      });
      for (const row of rows) tracing.tagSaga(row.sagaId);
      // Durable from here: the rows go out (now, or through the relay), so the caller need not wait for confirms,
      // only for a place in the publish window.
      if (rows.length > 0) await background.handOff(rows);
      return result;
    },
    async sendFence() {
      // Taken before publishing: whatever entered a queue before this instant is ahead of the fence.
      const sentAt = new Date().toISOString();
      const properties = { messageId: `fence-${sentAt}`, type: 'troupe.fence', appId: options.service, headers: { [fenceHeader]: sentAt } };
      await Promise.all(sources.map((source) => publisher.publish(names.fenceExchange, source.queue, Buffer.alloc(0), properties)));
    },
    drainedUntil() {
      const passed = fences.passedUntil();
      return passed === undefined ? undefined : new Date(passed);
    },
    relayNow: () => relay.sweep(),
    async stop(stopOptions = {}) {
      if (stopped) return;
      stopped = true;
      guard.stop();
      connection.off('connected', onConnected);
      const timeoutMs = stopOptions.timeoutMs ?? messagingDefaults.stopTimeoutMs;
      await consumers.stop(timeoutMs);
      await archiveIntake?.stop(timeoutMs);
      if (!(await background.settle(timeoutMs))) {
        logger.warn({ unconfirmed: background.pending() }, 'stopping before every outbox row was confirmed; the relay publishes them after a restart');
      }
      await relay.stop();
      await dispatcher.flush();
      await publisher.close();
    },
  };
}

/** A queue's ready count through a passive declare on a throwaway channel (a missing queue closes the channel that asked). */
async function readyCount(connection: ReturnType<typeof managed>, queue: string): Promise<number | undefined> {
  if (!connection.isConnected()) return undefined;
  const channel = await connection.openChannel('plain');
  try {
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await channel.close().catch(() => undefined);
  }
}
