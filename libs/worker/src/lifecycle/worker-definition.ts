import type { BrokerConnection, HandlerMap, Messaging, MessagingOptions } from '@troupe/messaging';
import type { IndexSpec, Store } from '@troupe/persistence';
import type { Tracing } from '@troupe/tracing';
import type { ConfigFields, ConfigOf } from '../config/config-field';
import type { WorkerConfig } from '../config/worker-config';
import type { HttpServer } from '../http/create-http-server';
import type { Logger } from '../logging/create-logger';
import type { WorkerMetrics } from '../metrics/create-metrics';

/** Everything a running worker owns, handed to the app's hooks. */
export interface WorkerContext<F extends ConfigFields = ConfigFields> {
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
}

/** Messaging knobs an app may tune; broker, store, service, prefix, metrics, logger and tracing come from the chassis. */
export type WorkerMessagingOptions = Omit<MessagingOptions, 'broker' | 'store' | 'service' | 'handlers' | 'prefix' | 'metrics' | 'logger' | 'tracing'>;

/** Stops what a definition's `start` hook started. */
export type WorkerStop = () => Promise<void> | void;

export interface WorkerDefinition<F extends ConfigFields = ConfigFields> {
  /** Lower-case kebab name: names the store file, queues, logs and metrics. */
  service: string;
  /** HTTP port when PORT is unset. */
  defaultPort: number;
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
  /** The events this service reacts to; the keys decide its queues. Built once the store and config exist. */
  handlers?: (context: Omit<WorkerContext<F>, 'messaging'>) => HandlerMap;
  messaging?: WorkerMessagingOptions;
  /** Registers the app's routes next to /health and /metrics. */
  routes?: (http: HttpServer, context: WorkerContext<F>) => void | Promise<void>;
  /**
   * Readies the worker's own state before anything reaches it: runs once the store is open and its indexes exist,
   * before consumers start (seeding, migrations, warm caches). Every delivery and request sees its result, so no
   * handler needs a "not ready yet" guard. The broker may still be connecting; a throw fails the start.
   */
  prepare?: (context: Omit<WorkerContext<F>, 'messaging'>) => void | Promise<void>;
  /**
   * Starts the work that runs alongside consumers (schedulers, relays) and owns its state: runs once, after consumers
   * start and routes are registered, before HTTP listens. `http` takes more routes until then (for routes that need
   * what the hook builds). Returns its `stop`, if it has one, which runs during shutdown after HTTP closed and
   * consumers drained, while broker and store are still open. A throw fails the start.
   */
  start?: (context: WorkerContext<F>, http: HttpServer) => Promise<WorkerStop | void> | WorkerStop | void;
}

/** Identity function that keeps the definition's config fields typed for its hooks. */
export function defineWorker<F extends ConfigFields = Record<string, never>>(definition: WorkerDefinition<F>): WorkerDefinition<F> {
  return definition;
}
