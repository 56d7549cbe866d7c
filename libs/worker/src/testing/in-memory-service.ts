// Unit-test harness: runs an app's handlers and routes over an in-memory SQLite store, with no broker, so a spec
// can deliver events one at a time (in any order, twice) and see what was stored, emitted and served.
import { Writable } from 'node:stream';
import type { AnyEvent, EventCatalogue, EventEnvelope } from '@troupe/contracts';
import { NonRecoverableError, type EventHandler, type HandlerContext, type HandlerMap } from '@troupe/messaging';
import { createSqliteStore, type Store } from '@troupe/persistence';
import { createHttpServer } from '../http/create-http-server';
import type { HttpServer } from '../http/create-http-server';
import { createLogger } from '../logging/create-logger';
import { createMetrics } from '../metrics/create-metrics';
import { testAdminToken } from './admin-token';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface InMemoryService {
  store: Store;
  http: HttpServer;
  /** Runs the handler for `event` in one store transaction, as the pipeline does; resolves with what it emitted. */
  deliver(event: EventEnvelope): Promise<AnyEvent[]>;
  close(): Promise<void>;
}

export async function inMemoryService(
  /** The catalogue the service speaks: its emits are built and validated against it, as the pipeline does. */
  catalogue: EventCatalogue,
  service: string,
  handlers: HandlerMap,
  /** May be async (a harness that runs a definition's `prepare` before its routes); awaited before HTTP is ready. */
  routes: (http: HttpServer, store: Store) => void | Promise<void>,
  /**
   * `adminToken` guards the routes marked `adminOnly`; default `testAdminToken` (send `adminHeaders()`).
   * `validateEmits` (default true) refuses an invalid emitted event with a NonRecoverableError, as the pipeline does;
   * a contract harness that validates and attributes every emitted event itself turns it off.
   */
  options: { adminToken?: string; validateEmits?: boolean } = {},
): Promise<InMemoryService> {
  const store = await createSqliteStore({ file: ':memory:' });
  const metrics = createMetrics(service);
  const logger = createLogger(service, 'silent', new Writable({ write: (_chunk, _encoding, done) => done() }));
  const adminToken = 'adminToken' in options ? options.adminToken : testAdminToken;
  const http = createHttpServer({ logger, registry: metrics.registry, checks: {}, adminToken });
  await routes(http, store);
  await http.ready();
  return {
    store,
    http,
    async deliver(event) {
      const handler = handlers[event.type as keyof HandlerMap] as EventHandler | undefined;
      if (!handler) throw new Error(`${service} does not consume ${event.type}`);
      const emitted: AnyEvent[] = [];
      await store.transaction(async (session) => {
        const ctx: HandlerContext = {
          store: session,
          logger: quiet,
          retryCount: 0,
          emit: async (type, data) => {
            const out = catalogue.createEvent(type, data, { source: service, causedBy: event });
            const checked = options.validateEmits === false ? { ok: true as const } : catalogue.validateEvent(out);
            if (!checked.ok) throw new NonRecoverableError(`${service} emitted an invalid ${type}: ${checked.errors.join('; ')}`);
            emitted.push(out as AnyEvent);
            return out;
          },
        };
        await handler(event, ctx);
      });
      return emitted;
    },
    async close() {
      await http.close();
      await store.close();
    },
  };
}
