import { latencyBucketsSeconds, type MessagingMetrics, type MessagingObservables } from '@troupe/messaging';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface WorkerMetrics {
  /** Apps may register their own metrics here; everything on it is served on /metrics. */
  readonly registry: Registry;
  /** Handed to the messaging pipeline, so every service exposes the same series (and the levels it observes). */
  readonly messaging: MessagingMetrics;
  /** One transaction re-run injected by STORE_FAULTS (zero in production). */
  storeFaultInjected(): void;
}

/** One registry per worker (not prom-client's global one), labelled with the service so scrapes can be merged. */
export function createMetrics(service: string): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const byEvent = ['event'] as const;
  const byEventAndReason = ['event', 'reason'] as const;
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const consumed = counter('troupe_messages_consumed_total', 'Deliveries handled and acked (duplicates included)', byEvent);
  const duplicate = counter('troupe_messages_duplicate_total', 'Deliveries recognised as already processed (inbox hit)', byEvent);
  const failed = counter('troupe_messages_failed_total', 'Handler attempts that failed, before retry or dead-letter', byEventAndReason);
  const retried = counter('troupe_messages_retried_total', 'Deliveries sent through a delay queue for another attempt', byEvent);
  const deadLettered = counter('troupe_messages_dead_lettered_total', 'Deliveries parked on the dead-letter queue', byEventAndReason);
  const published = counter('troupe_messages_published_total', 'Outbox events confirmed by the broker', byEvent);
  const returned = counter('troupe_messages_returned_total', 'Mandatory publishes the broker could route to no queue; kept (requeued, retried, left pending)', ['exchange', 'reason'] as const);
  const redeclared = counter('troupe_topology_redeclared_total', 'Topology re-declarations after part of it went missing (consumer cancelled, publish returned)', ['trigger'] as const);
  const unroutableDropped = counter('troupe_outbox_unroutable_dropped_total', 'Outbox events given up after routing to no queue for outbox.unroutableGraceMs', byEvent);
  const durationBuckets = [...latencyBucketsSeconds];
  const latency = new Histogram({
    name: 'troupe_handler_duration_seconds',
    help: 'Seconds from receipt to commit of the handler transaction',
    labelNames: byEvent,
    buckets: durationBuckets,
    registers: [registry],
  });
  const confirmLatency = new Histogram({
    name: 'troupe_publish_confirm_duration_seconds',
    help: "Seconds from handing an outbox event to the publisher to the broker's confirm (its durable enqueue on every queue the event routes to)",
    labelNames: byEvent,
    buckets: durationBuckets,
    registers: [registry],
  });

  const levels = observedLevels(registry);

  const storeFaults = counter('troupe_store_faults_injected_total', 'Store transaction re-runs injected by STORE_FAULTS (MongoDB transient-error semantics)', []);

  return {
    registry,
    storeFaultInjected: () => storeFaults.inc(),
    messaging: {
      consumed: (event) => consumed.inc({ event }),
      duplicate: (event) => duplicate.inc({ event }),
      failed: (event, reason) => failed.inc({ event, reason }),
      retried: (event) => retried.inc({ event }),
      deadLettered: (event, reason) => deadLettered.inc({ event, reason }),
      handlerLatency: (event, seconds) => latency.observe({ event }, seconds),
      published: (event) => published.inc({ event }),
      publishConfirmLatency: (event, seconds) => confirmLatency.observe({ event }, seconds),
      returned: (exchange, reason) => returned.inc({ exchange, reason }),
      topologyRedeclared: (trigger) => redeclared.inc({ trigger }),
      unroutableDropped: (event) => unroutableDropped.inc({ event }),
      observe: (source) => levels.observe(source),
    },
  };
}

/** A level that cannot be read within this is left out of the scrape rather than holding /metrics up. */
export const levelReadTimeoutMs = 1_000;

/**
 * Gauges read at scrape time from what messaging observes. Not counted on the hot path: a level is a question to
 * the broker or the store, asked once per scrape. A DLQ depth that cannot be read (broker down) is absent from that
 * scrape rather than a stale or made-up number; the outbox level (unlabelled, so never absent) keeps its last reading.
 */
function observedLevels(registry: Registry): { observe(source: MessagingObservables): void } {
  let source: MessagingObservables | undefined;
  new Gauge({
    name: 'troupe_dlq_messages',
    help: "Dead letters ready in this service's DLQ, from the broker at scrape time (every instance reports the same queue)",
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!source) return;
      const depth = await bounded(source.deadLetterDepth());
      if (depth !== undefined) this.set({ queue: source.deadLetterQueue }, depth);
    },
  });
  new Gauge({
    name: 'troupe_outbox_pending',
    help: "Outbox rows not yet confirmed by the broker (the relay's backlog), from this service's store at scrape time",
    labelNames: [] as const,
    registers: [registry],
    async collect() {
      if (!source) return;
      const pending = await bounded(source.outboxPending());
      if (pending !== undefined) this.set(pending);
    },
  });
  new Gauge({
    name: 'troupe_consumers',
    help: 'Consumers this instance has on each queue it reads (1 consuming, 0 not); sum over instances for the total',
    labelNames: ['queue'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { queue, consumers } of source?.consumers() ?? []) this.set({ queue }, consumers);
    },
  });
  return { observe: (observed) => (source = observed) };
}

async function bounded<T>(read: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), levelReadTimeoutMs)));
  try {
    return await Promise.race([read.catch(() => undefined), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
