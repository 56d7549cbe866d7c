import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { orderSystemApps, startOrderSystem, type OrderApp } from '@troupe/order-testing';
import type { BenchOptions } from './options';

export interface SystemUnderTest {
  prefix: string;
  urlOf(app: OrderApp): string;
  /** Every instance's URL (one unless --instances): the load is spread over them. */
  urlsOf(app: OrderApp): string[];
  /** Every process to read memory from; `pid` (for its CPU time) only when the bench started it. */
  processes: Array<{ app: string; url: string; pid?: number }>;
  sagaDeadlineMs: number;
  /** ADMIN_TOKEN of the system, for the admin routes the mixed run calls (PUT /stock/:sku); undefined if unknown. */
  adminToken?: string;
  describe: string;
  stop(): Promise<void>;
}

/** The whole order system started for this run in its own namespace, or the running one the flags name. */
export async function systemUnderTest(options: BenchOptions): Promise<SystemUnderTest> {
  if (Object.keys(options.targetUrls).length > 0) {
    // The apps the kit would start, each at its serve port (its project.json's metadata.port) unless a flag names its URL.
    const apps = orderSystemApps();
    const urlOf = (app: OrderApp) => {
      const given = options.targetUrls[app];
      if (given) return given;
      const port = apps.find((candidate) => candidate.name === app)?.port;
      if (port === undefined) throw new Error(`${app} is not one of the apps the bench measures (${apps.map((candidate) => candidate.name).join(', ')})`);
      return `http://localhost:${port}`;
    };
    return {
      prefix: options.prefix,
      urlOf,
      urlsOf: (app) => [urlOf(app)],
      processes: apps.map(({ name }) => ({ app: name, url: urlOf(name) })),
      sagaDeadlineMs: 30_000,
      adminToken: runningSystemAdminToken(),
      describe: `running system at ${urlOf('order-service')} (prefix '${options.prefix}')`,
      stop: async () => undefined,
    };
  }
  // Info, the apps' default: the kit learns each app's URL from its "listening on" info line.
  const instances = Object.fromEntries(orderSystemApps().map((app) => [app.name, options.instances]));
  const system = await startOrderSystem({
    rabbitmqUrl: options.rabbitmqUrl,
    // The local cluster's management API is not on the broker host's 15672 (npm run bench sets it for --cluster).
    ...(process.env.RABBITMQ_MANAGEMENT_URL ? { managementUrl: process.env.RABBITMQ_MANAGEMENT_URL } : {}),
    built: true,
    instances,
    nodeArgs: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : undefined,
  });
  const broker = options.cluster === undefined ? 'single broker' : `${options.cluster}-node cluster`;
  return {
    prefix: system.prefix,
    urlOf: (app) => system.urlOf(app),
    urlsOf: (app) => system.instances.filter((instance) => instance.app === app).map((instance) => instance.process.url),
    processes: system.instances.map((instance) => ({ app: instance.index === 0 ? instance.app : `${instance.app}#${instance.index + 1}`, url: instance.process.url, pid: instance.process.pid })),
    sagaDeadlineMs: system.sagaDeadlineMs,
    adminToken: system.adminToken,
    describe: `order system started for this run (${system.instances.length} built processes on node, ${options.instances} per app, ${broker}, namespace ${system.prefix})`,
    stop: () => system.stop(),
  };
}

/** A running system's admin token: ADMIN_TOKEN, else the file `npm start` writes (data/secrets/admin-token). */
function runningSystemAdminToken(): string | undefined {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const file = path.join(process.cwd(), 'data', 'secrets', 'admin-token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

