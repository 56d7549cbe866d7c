// Restart figures for the production start: `npx tsx tools/bench/restart/measure-restart.ts [app…] [--rounds N]`.
// Against the running broker, for each app in turn: build, start it with `node tools/infra/worker.mjs <app>` (what
// `npm run worker -- <app>` runs), SIGKILL it, publish one event to its queue while it is down, start it again, and
// report the milliseconds from the second spawn to /health 200 and to that backlog event being handled, with the
// stages read from its log lines and the load average. Each app runs alone in its own broker namespace, then is
// cleaned up. Timings live here, not in tests: they say how this machine did, not whether the code is right.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { toAmqpProperties, type EventMap } from '@troupe/contracts';
import { createEvent, referenceManifests } from '@troupe/order-catalogue';
import { examplesOf } from '@troupe/order-catalogue/testing';
import { topologyNames } from '@troupe/messaging';
import { openRawClient } from '@troupe/messaging/testing';
import { workerApps } from '@troupe/order-testing';
import { deleteBrokerNamespace, workerNodeFlags, workspaceRoot } from '@troupe/testing';

const brokerUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

// Every worker of the workspace (apps/*/project.json with a serve target), in port order: a new app is measured too.
const allApps = workerApps().map((app) => app.name);
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
const named = args.filter((arg, index) => !arg.startsWith('--') && (roundsAt < 0 || index !== roundsAt + 1));
const unknownApps = named.filter((app) => !allApps.includes(app));
if (unknownApps.length > 0) {
  console.error(`unknown app ${unknownApps.join(', ')}: one of ${allApps.join(', ')}`);
  process.exit(2);
}
const apps = named.length > 0 ? named : allApps;
const root = workspaceRoot();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Started {
  child: ChildProcess;
  spawnedAt: number;
  out: () => string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// A failed measurement must not leave workers behind on the shared broker.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function start(app: string, env: Record<string, string>): Started {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [...workerNodeFlags, path.join(root, 'tools', 'infra', 'worker.mjs'), app], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { child, spawnedAt, out: () => text };
}

async function until(started: Started, probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return Date.now();
    const { exitCode, signalCode } = started.child;
    if (exitCode !== null || signalCode !== null) throw new Error(`${what}: the worker exited (${exitCode ?? signalCode}) first:\n${started.out()}`);
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms:\n${started.out()}`);
    await sleep(10);
  }
}

/** Built right before each measurement: in a tree others edit, the build may already be stale and would be refused. */
function build(app: string): void {
  const result = spawnSync(process.execPath, [path.join(root, 'tools', 'infra', 'build.mjs'), app], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`building ${app} failed`);
}

async function stop(started: Started, signal: NodeJS.Signals): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill(signal);
  await exited;
}

/** ms from spawn to each stage's first log line, where the worker logged it. */
function stages(started: Started): Record<string, number> {
  const wanted: Record<string, RegExp> = { config: /^configuration$/, store: /^store open$/, broker: /^broker connected$/, consuming: /^consuming$/, listening: /listening on/ };
  const found: Record<string, number> = {};
  for (const line of started.out().split('\n')) {
    try {
      const entry = JSON.parse(line) as { msg?: string; time?: string };
      for (const [stage, pattern] of Object.entries(wanted)) {
        if (found[stage] === undefined && pattern.test(entry.msg ?? '') && entry.time) found[stage] = Date.parse(entry.time) - started.spawnedAt;
      }
    } catch {
      /* not a log line */
    }
  }
  return found;
}

/** Deliveries of `type` the worker has handled: consumed, or failed at least once (it reached the handler). */
async function handled(url: string, type: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const metric of ['troupe_messages_consumed_total', 'troupe_messages_failed_total']) {
    const pattern = new RegExp(`^${metric}\\{[^}]*event="${type.replaceAll('.', '\\.')}"[^}]*\\} (\\d+)$`, 'gm');
    for (const match of text.matchAll(pattern)) total += Number(match[1]);
  }
  return total;
}

async function measure(app: string, round: number) {
  const prefix = `bench-restart-${process.pid}-${Date.now()}.`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-restart-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { PORT: String(port), RABBITMQ_PREFIX: prefix, DATA_DIR: dataDir };
  const healthy = async () => (await fetch(`${url}/health`, { signal: AbortSignal.timeout(500) })).status === 200;
  const type = referenceManifests.find((manifest) => manifest.service === app)?.reactions[0]?.on as keyof EventMap | undefined;
  const client = await openRawClient(brokerUrl);
  try {
    build(app);
    const first = start(app, env);
    const firstHealthy = (await until(first, healthy, `${app} first start healthy`)) - first.spawnedAt;
    await stop(first, 'SIGKILL');
    if (type) {
      // Into the exchange the first start declared and bound the app's queues to: it waits there for the restart.
      const event = createEvent(type, examplesOf(type)[0]!, { source: 'measure-restart' });
      await client.publish(topologyNames(prefix, app).eventsExchange, type, Buffer.from(JSON.stringify(event)), toAmqpProperties(event));
    }

    build(app);
    const second = start(app, env);
    const healthAt = await until(second, healthy, `${app} restart healthy`);
    const handledAt = type ? await until(second, async () => (await handled(url, type)) > 0, `${app} handling the backlog ${type}`) : undefined;
    const result = {
      app,
      round,
      firstStartMs: firstHealthy,
      healthMs: healthAt - second.spawnedAt,
      consumedMs: handledAt === undefined ? undefined : handledAt - second.spawnedAt,
      stages: stages(second),
    };
    await stop(second, 'SIGTERM');
    return result;
  } finally {
    await client.close();
    await deleteBrokerNamespace(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A shared broker may restart under us (other people's chaos runs): such a round is measured again, up to 3 times. */
async function measureRetrying(app: string, round: number): Promise<Awaited<ReturnType<typeof measure>>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await measure(app, round);
    } catch (error) {
      if (attempt >= 3) throw error;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      console.log(`  (${app} round ${round} failed: ${reason}; measuring it again)`);
      await sleep(3_000);
    }
  }
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  console.log(`restart figures, ${os.cpus().length} cores, load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}; ms from spawn (median of ${rounds}):`);
  console.log(`${'app'.padEnd(22)}${'health'.padStart(8)}${'consumed'.padStart(10)}${'first start'.padStart(13)}   stages of the median restart (config / store / broker / consuming / listening)`);
  const worst = { health: 0, consumed: 0 };
  for (const app of apps) {
    const results = [];
    for (let round = 1; round <= rounds; round += 1) results.push(await measureRetrying(app, round));
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const health = median(results.map((result) => result.healthMs));
    const consumedValues = results.flatMap((result) => (result.consumedMs === undefined ? [] : [result.consumedMs]));
    const consumed = consumedValues.length > 0 ? median(consumedValues) : undefined;
    const firstStart = median(results.map((result) => result.firstStartMs));
    worst.health = Math.max(worst.health, ...results.map((result) => result.healthMs));
    worst.consumed = Math.max(worst.consumed, ...consumedValues);
    const s = [...results].sort((a, b) => a.healthMs - b.healthMs)[Math.floor(results.length / 2)]!.stages;
    const stageText = ['config', 'store', 'broker', 'consuming', 'listening'].map((stage) => s[stage] ?? '-').join(' / ');
    console.log(`${app.padEnd(22)}${String(health).padStart(8)}${String(consumed ?? 'n/a').padStart(10)}${String(firstStart).padStart(13)}   ${stageText}`);
  }
  console.log(`worst single restart: health ${worst.health} ms, consumed ${worst.consumed} ms; load average after ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
