import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApps, builtEntry, pollHttp, startAppProcess, workerNodeFlags, type AppProcess, type ProcessExit } from '@troupe/testing';
import { orderSystemApps, type OrderApp } from './apps';
import { brokerAdmin, deleteNamespace, type BrokerAdmin } from './broker-admin';
import {
  adminAuthorization,
  analyticsClient,
  notificationsClient,
  orderViewClient,
  ordersClient,
  paymentsClient,
  shipmentsClient,
  stockClient,
} from './clients';
import { request, type RequestOptions } from './http-request';
import { formatLogs } from './format-logs';
import { pollUntil } from './poll';
import type { OrderView } from './views';

export interface OrderSystemOptions {
  /** SAGA_DEADLINE_MS for every app (default: the apps' own, 30000). */
  sagaDeadlineMs?: number;
  /** order-service's DEADLINE_SWEEP_INTERVAL_MS (default: its own, 1000). */
  deadlineSweepIntervalMs?: number;
  /** Processes per app (default 1). Extra instances share the app's DATA_DIR, so they share its store. An app the system does not run is an error. */
  instances?: Partial<Record<OrderApp, number>>;
  /** Extra environment per app, on top of the common one. An app the system does not run is an error. */
  env?: Partial<Record<OrderApp, Record<string, string>>>;
  /** Default `process.env.RABBITMQ_URL` or the local guest broker. */
  rabbitmqUrl?: string;
  /** Default `http://<broker host>:15672`. */
  managementUrl?: string;
  /** Default `info`: logs are kept in memory and printed only when a test fails. */
  logLevel?: string;
  /** Bound on one app reaching /health 200. Default 90000 ms (a busy 2-core machine starts nine tsx processes slowly). */
  startTimeoutMs?: number;
  /** ADMIN_TOKEN of every app, sent by the kit's admin calls (`stock.set`). Default: a fresh random one per system. */
  adminToken?: string;
  /**
   * Run what production runs: build every app first (`npm run build`) and start `dist/apps/<app>/main.js` on plain
   * node with the production flags (`workerNodeFlags`). Default false: each app's TypeScript through tsx, which needs no build but adds its compiler to every process.
   */
  built?: boolean;
  /** Options for node in every process, e.g. `--cpu-prof --cpu-prof-dir=…`. */
  nodeArgs?: string[];
}

export interface AppInstance {
  app: OrderApp;
  index: number;
  process: AppProcess;
  /** Set once the process has exited. */
  exit?: ProcessExit;
}

const liveDataDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of liveDataDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts the whole order system as real processes in its own broker namespace and data directory, and
 * resolves once every instance answers /health 200. On a failed start everything started is stopped.
 * The apps are the workspace's (`orderSystemApps()`: every apps/* with a serve target but the reconciler), so a newly
 * generated worker is started too.
 */
export async function startOrderSystem(options: OrderSystemOptions = {}) {
  const apps = orderSystemApps();
  const names = apps.map((app) => app.name);
  for (const [option, perApp] of Object.entries({ instances: options.instances, env: options.env })) {
    const unknown = Object.keys(perApp ?? {}).filter((app) => !names.includes(app));
    if (unknown.length > 0) throw new Error(`startOrderSystem: ${option} names ${unknown.join(', ')}, not one of the apps it starts (${names.join(', ')})`);
  }
  const rabbitmqUrl = options.rabbitmqUrl ?? process.env.RABBITMQ_URL ?? 'amqp://guest:guest@localhost:5672';
  const prefix = `e2e-${randomUUID().slice(0, 8)}.`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'troupe-e2e-'));
  liveDataDirs.add(dataDir);
  const admin = brokerAdmin(rabbitmqUrl, options.managementUrl);
  const startTimeoutMs = options.startTimeoutMs ?? 90_000;
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const instances: AppInstance[] = [];

  const envFor = (app: OrderApp): Record<string, string> => ({
    RABBITMQ_URL: rabbitmqUrl,
    RABBITMQ_PREFIX: prefix,
    // With MONGO_URL in the environment every service stores into MongoDB: one database set per system, as on the broker.
    MONGO_DATABASE_PREFIX: prefix.replace(/[^A-Za-z0-9_-]/g, '_'),
    DATA_DIR: dataDir,
    LOG_LEVEL: options.logLevel ?? 'info',
    ADMIN_TOKEN: adminToken,
    ...(options.sagaDeadlineMs === undefined ? {} : { SAGA_DEADLINE_MS: String(options.sagaDeadlineMs) }),
    ...(app === 'order-service' && options.deadlineSweepIntervalMs !== undefined
      ? { DEADLINE_SWEEP_INTERVAL_MS: String(options.deadlineSweepIntervalMs) }
      : {}),
    ...options.env?.[app],
  });

  if (options.built) buildApps(...names);
  const entryOf = (app: { name: string; entry: string }) => (options.built ? builtEntry(app.name) : app.entry);
  const plan = apps.flatMap((app) => Array.from({ length: options.instances?.[app.name] ?? 1 }, (_, index) => ({ app: app.name, entry: entryOf(app), index })));
  const started = await Promise.allSettled(
    plan.map(async ({ app, entry, index }) => {
      const child = await startAppProcess({ entry, env: envFor(app), startTimeoutMs, nodeArgs: [...(options.built ? workerNodeFlags : []), ...(options.nodeArgs ?? [])] });
      const instance: AppInstance = { app, index, process: child };
      instances.push(instance);
      void child.exited.then((exit) => (instance.exit = exit));
      await pollHttp(`${child.url}/health`, (answer) => answer.status === 200, { timeoutMs: startTimeoutMs, intervalMs: 250 });
    }),
  );
  const failures = started.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
  if (failures.length > 0) {
    const logs = formatLogs(instances, 60);
    await stopAll(instances, admin, prefix, dataDir);
    throw new Error(`the order system did not start:\n${failures.join('\n')}\n${logs}`);
  }
  instances.sort((a, b) => names.indexOf(a.app) - names.indexOf(b.app) || a.index - b.index);
  return buildSystem({ instances, prefix, dataDir, admin, adminToken, sagaDeadlineMs: options.sagaDeadlineMs ?? 30_000 });
}

async function stopAll(instances: AppInstance[], admin: BrokerAdmin, prefix: string, dataDir: string): Promise<void> {
  await Promise.all(instances.map((instance) => instance.process.stop(15_000)));
  try {
    await deleteNamespace(admin, prefix);
  } catch {
    // The broker's own leftovers are harmless to later runs (each uses a fresh prefix); never fail a stop on them.
  }
  rmSync(dataDir, { recursive: true, force: true });
  liveDataDirs.delete(dataDir);
}

interface SystemParts {
  instances: AppInstance[];
  prefix: string;
  dataDir: string;
  admin: BrokerAdmin;
  adminToken: string;
  sagaDeadlineMs: number;
}

function buildSystem({ instances, prefix, dataDir, admin, adminToken, sagaDeadlineMs }: SystemParts) {
  const urlOf = (app: OrderApp, index = 0): string => {
    const instance = instances.filter((candidate) => candidate.app === app)[index];
    if (!instance) throw new Error(`${app} has no instance #${index}`);
    return instance.process.url;
  };
  const orders = ordersClient(urlOf('order-service'));
  let stopped: Promise<void> | undefined;

  return {
    prefix,
    dataDir,
    admin,
    sagaDeadlineMs,
    /** Every app's ADMIN_TOKEN; `adminHeaders` is the header that carries it. */
    adminToken,
    adminHeaders: adminAuthorization(adminToken),
    instances,
    urlOf,
    orders,
    stock: stockClient(urlOf('inventory-service'), adminToken),
    payments: paymentsClient(urlOf('payment-service')),
    shipments: shipmentsClient(urlOf('shipping-service')),
    notifications: notificationsClient(urlOf('notification-service')),
    analytics: analyticsClient(urlOf('analytics-service')),
    orderView: orderViewClient(urlOf('order-view')),
    /** Any request to any app, e.g. malformed bodies. */
    request: <T = unknown>(app: OrderApp, method: string, requestPath: string, requestOptions?: RequestOptions) =>
      request<T>(urlOf(app), method, requestPath, requestOptions),
    /** Polls order-service until the order leaves PENDING (default bound: the saga deadline + 30 s). */
    waitForTerminal: (orderId: string, timeoutMs = sagaDeadlineMs + 30_000): Promise<OrderView> => {
      let last = 'no answer yet';
      return pollUntil(
        async () => {
          const answer = await orders.get(orderId);
          last = `${answer.status} ${answer.text.slice(0, 300)}`;
          return answer.status === 200 && answer.body.status !== 'PENDING' ? answer.body : undefined;
        },
        { timeoutMs, intervalMs: 150, what: `order ${orderId} terminal` },
        () => last,
      );
    },
    /** Instances that exited while the system was meant to be running (a crash is always a finding). */
    exited: () => instances.filter((instance) => instance.exit !== undefined),
    /** The last `tailLines` log lines of every instance, for a failing test's report. */
    logs: (tailLines = 80) => formatLogs(instances, tailLines),
    /** SIGTERM every instance and wait for it, delete the broker namespace, remove the data directory. Idempotent. */
    stop: (): Promise<void> => (stopped ??= stopAll(instances, admin, prefix, dataDir)),
  };
}

export type OrderSystem = Awaited<ReturnType<typeof startOrderSystem>>;
