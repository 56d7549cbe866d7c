import type { DestinationStream } from 'pino';
import { intakeOf, type ServiceManifest } from '@troupe/contracts';
import { connectBroker, createMessaging, type HandlerMap } from '@troupe/messaging';
import { sagaKeyOf, startTracing, type SpanExporter } from '@troupe/tracing';
import { readBrokerTlsFiles } from '../config/broker-tls-files';
import { loadConfig } from '../config/load-config';
import { redactConfig } from '../config/redact-config';
import { withServiceSecrets } from '../config/service-secrets';
import { workerConfigFields, type WorkerConfig } from '../config/worker-config';
import type { ConfigFields } from '../config/config-field';
import { createHttpServer, type HttpServer } from '../http/create-http-server';
import { chooseLogFormat, createLogger } from '../logging/create-logger';
import { createMetrics } from '../metrics/create-metrics';
import { openStore } from './open-store';
import { ShutdownSequence } from './shutdown-sequence';
import { validateDefinition, validateHandlers } from './validate-definition';
import type { WorkerContext, WorkerDefinition, WorkerStop } from './worker-definition';

export interface StartWorkerOptions {
  /** Where configuration is read from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where JSON log lines go. Default stdout. */
  logDestination?: DestinationStream;
  /** Records spans into this exporter instead of OTLP (in-process tests use an InMemorySpanExporter). */
  spanExporter?: SpanExporter;
}

export interface RunningWorker<F extends ConfigFields = ConfigFields, S = unknown> {
  readonly context: WorkerContext<F, S>;
  readonly http: HttpServer;
  /** Base URL the HTTP server answers on (loopback name when listening on every interface). */
  readonly url: string;
  /** Graceful stop: HTTP, consumers, the stop `start` returned, broker, store — in that order. Resolves with the steps that failed. */
  stop(onStep?: (step: string) => void): Promise<string[]>;
  /** The shutdown step in progress, to name what hangs. */
  currentStopStep(): string | undefined;
}

/**
 * The name the broker shows for a worker's connection: its service; under `npm start`, `<prefix><service> (checkout
 * <id>)`. tools/infra/checkout.mjs reads it back to tell this checkout's workers from another's on a shared broker.
 */
export function connectionNameOf(prefix: string, service: string, checkout: string | undefined): string {
  return checkout ? `${prefix}${service} (checkout ${checkout})` : service;
}

/**
 * Brings a worker up: config, store (+ indexes), prepare (→ state), handlers (checked against the manifest), broker,
 * messaging (consumers, outbox relay), routes, start, HTTP.
 * Throws ConfigError before touching anything when the environment is invalid, and refuses a handler map that does
 * not match the manifest before touching the broker; on any later failure it releases what it had acquired and rethrows.
 */
export async function startWorker<F extends ConfigFields, S, M extends ServiceManifest>(
  definition: WorkerDefinition<F, S, M>,
  options: StartWorkerOptions = {},
): Promise<RunningWorker<F, S>> {
  validateDefinition(definition);
  const fields = { ...workerConfigFields(definition.defaultPort), ...definition.config } as ReturnType<typeof workerConfigFields> & F;
  const { service } = definition;
  const { env, rabbitmqUrlFrom } = withServiceSecrets(options.env ?? process.env, service);
  const config = loadConfig(env, fields) as WorkerContext<F>['config'];
  const brokerTls = readBrokerTlsFiles(config as WorkerConfig);
  const common: WorkerConfig = config;
  const logger = createLogger(service, common.LOG_LEVEL, options.logDestination, chooseLogFormat(common.LOG_FORMAT, process.stdout.isTTY === true));
  logger.info({ config: redactConfig(fields, config), rabbitmqUrlFrom }, 'configuration');
  const shutdown = new ShutdownSequence();
  const releaseAll = (onStep?: (step: string) => void) =>
    shutdown.run((step, error) => logger.error({ err: error, step }, `shutdown step "${step}" failed`), onStep);

  try {
    const tracing = startTracing({ service, saga: sagaKeyOf(definition.catalogue), otlpEndpoint: common.OTEL_EXPORTER_OTLP_ENDPOINT, protocol: common.OTEL_EXPORTER_OTLP_PROTOCOL, exporter: options.spanExporter });
    // Registered first, so it runs last: the spans of the drain and of the stop hook are exported too. A collector that
    // does not answer costs at most a tenth of the budget and only loses spans: a warning, not a failed stop.
    shutdown.add('tracing', async () => {
      const flushed = await tracing.shutdown(Math.max(1, Math.floor(common.SHUTDOWN_TIMEOUT_MS * 0.1)));
      if (!flushed) logger.warn('trace export did not finish in time; some spans are lost');
    });

    const metrics = createMetrics(service);
    const store = await openStore(service, common, () => metrics.storeFaultInjected());
    shutdown.add('store', () => store.close());
    for (const collection of definition.collections ?? []) await store.ensureCollection(collection);
    for (const [collection, indexes] of Object.entries(definition.indexes ?? {})) {
      await store.ensureCollection(collection);
      for (const index of indexes) await store.ensureIndex(collection, index);
    }
    logger.info({ store: store.kind }, 'store open');

    const prepared = { service, config, logger, store, metrics, tracing };
    // Before consumers exist: a delivery must never find the worker half-prepared (and be sent round the retry route).
    // What it returns is this instance's state, shared by handlers, routes and start.
    const state = (await definition.prepare?.(prepared)) as S;
    const handlers = definition.handlers?.({ ...prepared, state }) ?? {};
    // A handler map that is not the manifest's is refused before the broker is touched.
    validateHandlers(definition, handlers);

    const broker = connectBroker({ url: common.RABBITMQ_URL, tls: brokerTls, connectionName: connectionNameOf(common.RABBITMQ_PREFIX, service, common.TROUPE_CHECKOUT), logger: logger.child({ component: 'broker' }) });
    shutdown.add('broker connection', () => broker.close());
    const messaging = createMessaging({
      ...definition.messaging,
      catalogue: definition.catalogue,
      broker,
      store,
      service,
      prefix: common.RABBITMQ_PREFIX,
      handlers: handlers as HandlerMap,
      intake: definition.manifest ? intakeOf(definition.manifest) : 'queues',
      metrics: metrics.messaging,
      logger: logger.child({ component: 'messaging' }),
      tracing,
    });
    const context: WorkerContext<F, S> = { ...prepared, broker, messaging, state };

    // The stop returned by `start` runs here: after HTTP closed and consumers drained, before broker and store.
    const started: { stop?: WorkerStop } = {};
    if (definition.start) shutdown.add('stop hook', () => started.stop?.());
    // Leaves a fifth of the shutdown budget to the steps after it, so a slow drain cannot eat the whole bound.
    const drainMs = Math.max(1, Math.floor(common.SHUTDOWN_TIMEOUT_MS * 0.8));
    shutdown.add('consumers', () => messaging.stop({ timeoutMs: drainMs }));
    await messaging.start();

    const http = createHttpServer({
      logger,
      registry: metrics.registry,
      // Ready means connected with topology declared and consumers running, not just an open socket.
      checks: { broker: () => messaging.isReady(), store: () => store.ping() },
      tracing,
      adminToken: common.ADMIN_TOKEN,
    });
    shutdown.add('http server', () => http.close());
    await definition.routes?.(http, context);
    const stop = (await definition.start?.(context, http)) ?? undefined;
    if (stop !== undefined && typeof stop !== 'function') throw new TypeError(`worker definition: start must return its stop function or nothing, got ${typeof stop}`);
    started.stop = stop;
    await http.listen({ port: common.PORT, host: common.HOST, listenTextResolver: (address) => `http bound to ${address}` });

    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : common.PORT;
    const host = common.HOST === '0.0.0.0' || common.HOST === '::' ? 'localhost' : common.HOST;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    logger.info({ url, port }, `${service} listening on ${url}`);

    return { context, http, url, stop: (onStep) => releaseAll(onStep), currentStopStep: () => shutdown.current() };
  } catch (error) {
    logger.fatal({ err: error }, `${service} failed to start`);
    await releaseAll();
    throw error;
  }
}

