import type { Store } from '@troupe/persistence';
import { defineWorker } from '@troupe/worker';
import { releaseStockHandler } from './handlers/release-stock-handler';
import { reserveStockHandler } from './handlers/reserve-stock-handler';
import { registerStockRoutes } from './routes/stock-routes';
import { SeedGate } from './stock/seed-gate';
import { seedStockOnce } from './stock/seed-stock-once';

// One gate per running instance (tests start several in one process), found again from its store in onStart.
const gates = new WeakMap<Store, SeedGate>();

/** inventory-service: holds stock, reserves each order all-or-nothing and releases it as the last hop of every undo relay. */
export const inventoryServiceWorker = defineWorker({
  service: 'inventory-service',
  defaultPort: 3002,
  handlers: ({ store }) => {
    const gate = new SeedGate();
    gates.set(store, gate);
    return {
      'order.created': gate.guard(reserveStockHandler),
      'payment.declined': gate.guard(releaseStockHandler),
      'payment.refunded': gate.guard(releaseStockHandler),
    };
  },
  routes: (http, context) => registerStockRoutes(http, context),
  async onStart({ store, logger }) {
    const seeded = await seedStockOnce(store);
    if (seeded > 0) logger.info({ skus: seeded }, 'stock seeded');
    gates.get(store)?.markSeeded();
  },
});
