import type { HandlerContext } from '@troupe/messaging';
import { createSqliteStore, type Store } from '@troupe/persistence';
import { createHttpServer, createLogger, createMetrics, type HttpServer } from '@troupe/worker';
import { testAdminToken } from '@troupe/worker/testing';
import { registerOrderViewRoutes } from '../routes/order-view-routes';
import type { OrderViewRoutesOptions } from '../routes/order-view-routes-options';
import { orderViewHandlers } from '../handlers/order-view-handlers';
import { orderViewIndexes, orderViewsCollection } from '../store/order-view-row';
import { ViewChanges } from '../store/view-changes';
import type { ProjectedEvent } from '../view/order-view';

export interface RouteHarness {
  http: HttpServer;
  store: Store;
  changes: ViewChanges;
  /** Runs the real handler in a store transaction, as the messaging pipeline does. */
  deliver(event: ProjectedEvent): Promise<void>;
  close(): Promise<void>;
}

/** order-view's routes and handlers on a private in-memory store, driven with `inject` (no broker, no port). */
export async function startRouteHarness(options: Partial<Omit<OrderViewRoutesOptions, 'store' | 'changes'>> & { now?: () => Date } = {}): Promise<RouteHarness> {
  const store = await createSqliteStore({ file: ':memory:' });
  for (const index of orderViewIndexes) await store.ensureIndex(orderViewsCollection, index);
  const changes = new ViewChanges();
  const clock = options.now ?? (() => new Date());
  const http = createHttpServer({ logger: createLogger('order-view', 'silent'), registry: createMetrics('order-view').registry, checks: {}, adminToken: testAdminToken });
  registerOrderViewRoutes(http, { minVersionWaitMs: 50, clock, ...options, store, changes });
  await http.ready();
  const handlers = orderViewHandlers(changes, clock);
  return {
    http,
    store,
    changes,
    deliver: async (event) => {
      const handler = handlers[event.type] as (event: ProjectedEvent, ctx: HandlerContext) => Promise<void>;
      await store.transaction((session) => handler(event, { store: session } as HandlerContext));
    },
    close: async () => {
      await http.close();
      await store.close();
    },
  };
}
