import type { EventCatalogue, EventOf, EventType, ServiceManifest } from '@troupe/contracts';
import type { BrokerConnection, EventHandler, HandlerMap, Messaging, MessagingOptions } from '@troupe/messaging';
import type { IndexSpec, Store } from '@troupe/persistence';
import type { Tracing } from '@troupe/tracing';
import type { ConfigFields, ConfigOf } from '../config/config-field';
import type { WorkerConfig } from '../config/worker-config';
import type { HttpServer } from '../http/create-http-server';
import type { Logger } from '../logging/create-logger';
import type { WorkerMetrics } from '../metrics/create-metrics';

/** Everything a running worker owns, handed to the app's hooks. `S` is what the definition's `prepare` returned. */
export interface WorkerContext<F extends ConfigFields = ConfigFields, S = unknown> {
  readonly service: string;
  readonly config: WorkerConfig & ConfigOf<F>;
  readonly logger: Logger;
  readonly store: Store;
  readonly broker: BrokerConnection;
  /** Consumers, inbox/outbox and `transaction()` for commands that emit events. */
  readonly messaging: Messaging;
  readonly metrics: WorkerMetrics;
  /** Spans of this service (recorded only with OTEL_EXPORTER_OTLP_ENDPOINT); `tracing.tracer` for app spans. */
  readonly tracing: Tracing;
  /** This instance's own state: what `prepare` returned (undefined without one). Two started workers never share it. */
  readonly state: S;
}

/** What `prepare` sees: the store is open, the broker not yet connected, no state yet. */
export type PrepareContext<F extends ConfigFields = ConfigFields> = Omit<WorkerContext<F>, 'messaging' | 'broker' | 'state'>;

/** What `handlers` sees: everything but messaging and the broker (connected after the handler map is checked). */
export type HandlersContext<F extends ConfigFields = ConfigFields, S = unknown> = Omit<WorkerContext<F, S>, 'messaging' | 'broker'>;

/** The event types a manifest consumes: its reactions' `on` (projections included). */
export type ConsumedBy<M extends ServiceManifest> = M['reactions'][number]['on'];

/**
 * Exactly one handler per event the manifest consumes and none for any other event: a missing or an extra handler
 * fails to compile. With the wide `ServiceManifest` (a definition without a manifest), any `HandlerMap`.
 */
export type HandlersOf<M extends ServiceManifest> = ServiceManifest extends M
  ? HandlerMap
  : { [T in ConsumedBy<M>]: EventHandler<EventOf<T>> } & { [T in Exclude<EventType, ConsumedBy<M>>]?: never };

/** Messaging knobs an app may tune; broker, store, service, prefix, metrics, logger and tracing come from the chassis. */
export type WorkerMessagingOptions = Omit<MessagingOptions, 'broker' | 'store' | 'service' | 'handlers' | 'prefix' | 'metrics' | 'logger' | 'tracing' | 'catalogue'>;

/** Stops what a definition's `start` hook started. */
export type WorkerStop = () => Promise<void> | void;

export interface WorkerDefinition<F extends ConfigFields = ConfigFields, S = unknown, M extends ServiceManifest = ServiceManifest> {
  /** Lower-case kebab name: names the store file, queues, logs and metrics. */
  service: string;
  /** HTTP port when PORT is unset. */
  defaultPort: number;
  /** The event catalogue this worker speaks (its catalogue library's `catalogue`): what it decodes, validates and emits. */
  catalogue: EventCatalogue;
  /** App-specific environment variables, read with the common ones at start. */
  config?: F;
  /** Indexes ensured on the store at start, per collection (which ensures the collection too). */
  indexes?: Record<string, IndexSpec[]>;
  /**
   * The other collections the worker writes, ensured at start. On MongoDB a collection first written inside a
   * transaction is created there, and two transactions doing so at once conflict; list every collection here or
   * under `indexes`.
   */
  collections?: readonly string[];
  /**
   * What this service consumes and may emit (its catalogue library's manifest). The keys of `handlers` must be exactly its
   * consumed events (typed, and checked at start before the broker is touched). No manifest → no handlers.
   */
  manifest?: M;
  /**
   * The events this service reacts to; the keys decide its queues. Built once, after `prepare`, with its state.
   * With a manifest, exactly one handler per consumed event.
   */
  handlers?: (context: HandlersContext<F, S>) => HandlersOf<M>;
  messaging?: WorkerMessagingOptions;
  /** Registers the app's routes next to /health and /metrics. */
  routes?: (http: HttpServer, context: WorkerContext<F, S>) => void | Promise<void>;
  /**
   * Readies the worker's own state before anything reaches it: runs once the store is open and its indexes exist,
   * before the broker connects and consumers start (seeding, migrations, warm caches). Every delivery and request
   * sees its result, so no handler needs a "not ready yet" guard. What it returns is this instance's
   * `context.state`, handed to `handlers`, `routes` and `start` (the one place for per-instance objects shared by
   * them: no module-level map keyed by the store). A throw fails the start.
   */
  prepare?: (context: PrepareContext<F>) => S | Promise<S>;
  /**
   * Starts the work that runs alongside consumers (schedulers, relays) and owns its state: runs once, after consumers
   * start and routes are registered, before HTTP listens. `http` takes more routes until then (for routes that need
   * what the hook builds). Returns its `stop`, if it has one, which runs during shutdown after HTTP closed and
   * consumers drained, while broker and store are still open. A throw fails the start.
   */
  start?: (context: WorkerContext<F, S>, http: HttpServer) => Promise<WorkerStop | void> | WorkerStop | void;
}

/**
 * Identity function that keeps the definition typed for its hooks: its config fields, the state `prepare` returns
 * (`context.state`) and the manifest the handler map must match. Put `prepare` before the hooks that read its state.
 */
export function defineWorker<F extends ConfigFields = Record<string, never>, S = void, M extends ServiceManifest = ServiceManifest>(
  definition: WorkerDefinition<F, S, M>,
): WorkerDefinition<F, S, M> {
  return definition;
}
