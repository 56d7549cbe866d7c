import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { orderApps, startOrderSystem, type OrderApp } from '@troupe/order-testing';
import type { BenchOptions } from './options';

/** The apps' default ports (docs/product.md#http-api), for a running system whose URLs were not all given. */
const defaultPorts: Record<OrderApp, number> = {
  'order-service': 3000,
  'order-view': 3001,
  'inventory-service': 3002,
  'payment-service': 3003,
  'shipping-service': 3004,
  'notification-service': 3005,
  'analytics-service': 3006,
};

export interface SystemUnderTest {
  prefix: string;
  urlOf(app: OrderApp): string;
  /** Every process to read memory from. */
  processes: Array<{ app: string; url: string }>;
  sagaDeadlineMs: number;
  /** ADMIN_TOKEN of the system, for the admin routes the mixed run calls (PUT /stock/:sku); undefined if unknown. */
  adminToken?: string;
  describe: string;
  stop(): Promise<void>;
}

/** The whole order system started for this run in its own namespace, or the running one the flags name. */
export async function systemUnderTest(options: BenchOptions): Promise<SystemUnderTest> {
  if (Object.keys(options.targetUrls).length > 0) {
    const urlOf = (app: OrderApp) => options.targetUrls[app] ?? `http://localhost:${defaultPorts[app]}`;
    return {
      prefix: options.prefix,
      urlOf,
      processes: orderApps.map((app) => ({ app, url: urlOf(app) })),
      sagaDeadlineMs: 30_000,
      adminToken: runningSystemAdminToken(),
      describe: `running system at ${urlOf('order-service')} (prefix '${options.prefix}')`,
      stop: async () => undefined,
    };
  }
  // Info, the apps' default: the kit learns each app's URL from its "listening on" info line.
  const system = await startOrderSystem({ rabbitmqUrl: options.rabbitmqUrl });
  return {
    prefix: system.prefix,
    urlOf: (app) => system.urlOf(app),
    processes: system.instances.map((instance) => ({ app: instance.app, url: instance.process.url })),
    sagaDeadlineMs: system.sagaDeadlineMs,
    adminToken: system.adminToken,
    describe: `order system started for this run (${system.instances.length} processes via tsx, namespace ${system.prefix})`,
    stop: () => system.stop(),
  };
}

/** A running system's admin token: ADMIN_TOKEN, else the file `npm start` writes (data/secrets/admin-token). */
function runningSystemAdminToken(): string | undefined {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const file = path.join(process.cwd(), 'data', 'secrets', 'admin-token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
