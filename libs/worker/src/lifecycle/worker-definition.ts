import type { BrokerConnection } from '@troupe/messaging';
import type { IndexSpec, Store } from '@troupe/persistence';
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
  readonly metrics: WorkerMetrics;
}

/** What started consumers hand back so shutdown can drain them. */
export interface ConsumerHandle {
  /** Stops taking new messages and resolves once in-flight ones are settled (committed and acked, or requeued). */
  stop(): Promise<void>;
}

export interface WorkerDefinition<F extends ConfigFields = ConfigFields> {
  /** Lower-case kebab name: names the store file, queues, logs and metrics. */
  service: string;
  /** HTTP port when PORT is unset. */
  defaultPort: number;
  /** App-specific environment variables, read with the common ones at start. */
  config?: F;
  /** Indexes ensured on the store at start, per collection. */
  indexes?: Record<string, IndexSpec[]>;
  /**
   * Starts the service's event consumers once the store and broker exist.
   * The extension point for the messaging consumer pipeline: it runs before HTTP starts serving.
   */
  consumers?: (context: WorkerContext<F>) => ConsumerHandle | Promise<ConsumerHandle>;
  /** Registers the app's routes next to /health and /metrics. */
  routes?: (http: HttpServer, context: WorkerContext<F>) => void | Promise<void>;
  /** Runs after consumers start and before HTTP listens (seeding, schedulers). */
  onStart?: (context: WorkerContext<F>) => void | Promise<void>;
  /** Runs during shutdown after consumers drained, while broker and store are still open. */
  onStop?: (context: WorkerContext<F>) => void | Promise<void>;
}

/** Identity function that keeps the definition's config fields typed for its hooks. */
export function defineWorker<F extends ConfigFields = Record<string, never>>(definition: WorkerDefinition<F>): WorkerDefinition<F> {
  return definition;
}
