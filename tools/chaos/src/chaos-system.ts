import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brokerAdmin, deleteNamespace, type BrokerAdmin } from '@troupe/order-testing';
import { startTcpProxy, type TcpProxy } from '@troupe/testing';
import { freePorts } from './free-ports';
import type { LaunchPlan } from './launch';
import { allTargets, targetName, type ChaosApp, type Target } from './targets';
import { startWorkerProcess, type WorkerExit, type WorkerProcess } from './worker-process';
import { firstBrokerUrl } from '@troupe/messaging';

export interface ChaosSystemOptions {
  rabbitmqUrl: string;
  managementUrl?: string;
  twoInstances: boolean;
  /** Every worker this many times (default 1; above 1 overrides `twoInstances`). */
  instances?: number;
  /**
   * The workers' RABBITMQ_URL as is, e.g. a cluster's comma-separated nodes: then there is no cut proxy (it forwards
   * to one node) and `proxy` is undefined. Default: `rabbitmqUrl`, through the proxy.
   */
  workerRabbitmqUrl?: string;
  sagaDeadlineMs?: number;
  logLevel: string;
  /** Bound on one worker answering /health 200 after a (re)start. */
  startTimeoutMs: number;
  launch: LaunchPlan;
  log(line: string): void;
}

/** A worker slot: its fixed port and the process currently running in it. */
interface Slot {
  target: Target;
  name: string;
  port: number;
  url: string;
  process?: WorkerProcess;
  /** Set while the chaos run itself stops or kills it: that exit is not a crash. */
  intentional: boolean;
  /** Scaled in: no longer part of the system. */
  retired: boolean;
  busy?: Promise<unknown>;
}

export interface Crash {
  worker: string;
  exit: WorkerExit;
  tail: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * The whole order system for one chaos run: every worker a real process on its own fixed loopback port, all in one
 * fresh broker namespace (`chaos-<8 hex>.`) and data directory, all reaching the broker through one TCP proxy the run
 * can cut. Extra instances share their app's store, as in production.
 */
export async function startChaosSystem(options: ChaosSystemOptions) {
  const prefix = `chaos-${randomUUID().slice(0, 8)}.`;
  // Every worker's ADMIN_TOKEN: the reconciler's repairs and the run's stock recounts send it.
  const adminToken = randomBytes(24).toString('base64url');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'troupe-chaos-'));
  const admin: BrokerAdmin = brokerAdmin(options.rabbitmqUrl, options.managementUrl);
  let proxy: TcpProxy | undefined;
  let workerBrokerUrl = options.workerRabbitmqUrl;
  if (workerBrokerUrl === undefined) {
    // The cut proxy forwards to one node: the first of a list (a cluster run passes workerRabbitmqUrl instead).
    const brokerUrl = firstBrokerUrl(options.rabbitmqUrl);
    const broker = new URL(brokerUrl);
    proxy = await startTcpProxy({ targetHost: broker.hostname, targetPort: Number(broker.port || 5672) });
    const proxied = new URL(brokerUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    workerBrokerUrl = proxied.toString().replace(/\/$/, '');
  }

  const targets = allTargets(options.twoInstances, options.instances);
  const ports = await freePorts(targets.length);
  const slots: Slot[] = targets.map((target, index) => ({
    target,
    name: targetName(target),
    port: ports[index]!,
    url: `http://127.0.0.1:${ports[index]}`,
    intentional: false,
    retired: false,
  }));
  const crashes: Crash[] = [];
  const slotOf = (target: Target) => slots.find((slot) => slot.target.app === target.app && slot.target.index === target.index)!;
  const urlOf = (app: ChaosApp) => slotOf({ app, index: 0 }).url;

  const envOf = (slot: Slot): Record<string, string> => ({
    RABBITMQ_URL: workerBrokerUrl,
    RABBITMQ_PREFIX: prefix,
    DATA_DIR: dataDir,
    PORT: String(slot.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel,
    ADMIN_TOKEN: adminToken,
    ...(options.sagaDeadlineMs === undefined ? {} : { SAGA_DEADLINE_MS: String(options.sagaDeadlineMs) }),
    ...(slot.target.app === 'reconciler'
      ? { ORDER_SERVICE_URL: urlOf('order-service'), ORDER_VIEW_URL: urlOf('order-view'), ANALYTICS_URL: urlOf('analytics-service') }
      : {}),
    // The saga board reads this system's order-view, not whatever answers on its default port.
    ...(slot.target.app === 'saga-board' ? { ORDER_VIEW_URL: urlOf('order-view') } : {}),
  });

  /** Starts the slot's process and resolves once it answers /health 200; a process that dies first is started again. */
  const launch = async (slot: Slot): Promise<void> => {
    const deadline = Date.now() + options.startTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      const child = startWorkerProcess(options.launch, slot.target.app, envOf(slot));
      slot.process = child;
      slot.intentional = false;
      void child.exited.then((exit) => onExit(slot, child, exit));
      while (!child.exit && Date.now() < deadline) {
        if (await healthy(slot.url)) return;
        await sleep(200);
      }
      if (!child.exit) {
        slot.intentional = true;
        await child.stop(5_000);
        throw new Error(`${slot.name} did not answer /health 200 within ${options.startTimeoutMs} ms\n${child.tail(40)}`);
      }
      if (attempt >= 5 || Date.now() >= deadline) throw new Error(`${slot.name} exited ${JSON.stringify(child.exit)} while starting\n${child.tail(40)}`);
      await sleep(1_000);
    }
  };

  // A worker exiting on its own is a finding (a crash): recorded, and the worker is started again so the run goes on.
  const onExit = (slot: Slot, child: WorkerProcess, exit: WorkerExit) => {
    if (slot.intentional || slot.retired || slot.process !== child || stopping) return;
    crashes.push({ worker: slot.name, exit, tail: child.tail(30) });
    options.log(`${slot.name} exited on its own (${exit.code ?? exit.signal}); starting it again`);
    slot.busy = launch(slot).catch((error: unknown) => options.log(`${slot.name} could not be restarted: ${String(error)}`));
  };

  let stopping = false;
  const stop = async (): Promise<void> => {
    stopping = true;
    await Promise.all(
      slots.map(async (slot) => {
        slot.intentional = true;
        await slot.process?.stop(10_000);
      }),
    );
    await proxy?.close();
    try {
      await deleteNamespace(admin, prefix);
    } catch (error) {
      options.log(`could not delete the broker namespace ${prefix}: ${String(error)} (harmless to later runs, which use fresh prefixes)`);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // The reconciler reads the others' URLs, which are fixed already; start it last anyway, so it compares live services.
    const first = slots.filter((slot) => slot.target.app !== 'reconciler');
    await Promise.all(first.map(launch));
    await Promise.all(slots.filter((slot) => slot.target.app === 'reconciler').map(launch));
  } catch (error) {
    await stop();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    prefix,
    dataDir,
    admin,
    adminToken,
    proxy,
    crashes,
    urlOf,
    workers: () => slots.filter((slot) => !slot.retired).map((slot) => slot.name),
    /** SIGKILL, wait `downMs`, start again; resolves with the time from the kill to /health 200 again. */
    async kill(target: Target, downMs: number): Promise<number> {
      const slot = slotOf(target);
      await slot.busy;
      if (slot.retired) throw new Error(`${slot.name} has scaled in`);
      const killedAt = performance.now();
      const run = (async () => {
        slot.intentional = true;
        slot.process?.signal('SIGKILL');
        await slot.process?.exited;
        await sleep(downMs);
        await launch(slot);
        return performance.now() - killedAt;
      })();
      slot.busy = run.catch(() => undefined);
      return run;
    },
    /** Graceful stop of instances leaving the system (SIGTERM, as a scale-in would). */
    async retire(targets: readonly Target[]): Promise<void> {
      await Promise.all(
        targets.map(async (target) => {
          const slot = slotOf(target);
          await slot.busy;
          slot.retired = true;
          slot.intentional = true;
          await slot.process?.stop(15_000);
        }),
      );
    },
    /** Resolves with the time it took until every live worker answers /health 200, or rejects after `timeoutMs`. */
    async waitAllHealthy(timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const live = slots.filter((slot) => !slot.retired);
        const answers = await Promise.all(live.map((slot) => healthy(slot.url)));
        if (answers.every(Boolean)) return;
        if (Date.now() >= deadline) {
          throw new Error(`not every worker healthy within ${timeoutMs} ms: ${live.filter((_, index) => !answers[index]).map((slot) => slot.name).join(', ')}`);
        }
        await sleep(200);
      }
    },
    tails: (lines: number) => slots.map((slot) => `--- ${slot.name}\n${slot.process?.tail(lines) ?? ''}`).join('\n'),
    /** Every process stopped (SIGTERM, SIGKILL after 10 s), the proxy closed, the namespace deleted, the data dir removed. Idempotent. */
    stop: () => (stopped ??= stop()),
  };
}

export type ChaosSystem = Awaited<ReturnType<typeof startChaosSystem>>;
