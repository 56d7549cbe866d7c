#!/usr/bin/env node
// `npm start`: ensure a broker (or, with --cluster N, a local RabbitMQ cluster), run every worker, print the URLs once
// healthy. One instance each runs through `nx run-many -t serve`; with --instances N the built workers are started
// directly, N processes per worker (Nx runs a target once). Ctrl-C (or SIGTERM) stops them all: each worker shuts
// down gracefully. Flags and port rule: tools/infra/start-plan.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureAdminToken } from './admin-token.mjs';
import { provisionBrokerUsers } from './broker-users.mjs';
import { ensureRabbitMq } from './ensure-rabbitmq.mjs';
import { describeTlsEnv, ensureTls } from './tls.mjs';
import { servedApps, workspaceRoot } from './apps.mjs';
import { exitCodeOf, spawnNx } from './nx.mjs';
import { parseStartOptions, planInstances, serveCommand, StartUsageError, startUsage } from './start-plan.mjs';
import { checkoutId, checkSharedBroker, describeClash, vhostOf } from './checkout.mjs';
import { awaitExitRecords, exitRecordVariable, forwardLines, freshExitRecordDir, nxOutputFilter, readExitRecords, runningWorkerPids, stopSummary } from './stop-summary.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fail = (message, code = 1) => {
  console.error(`[start] ${message}`);
  process.exit(code);
};

async function healthy(port) {
  try {
    const response = await fetch(`http://localhost:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

let options;
try {
  options = parseStartOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof StartUsageError)) throw error;
  fail(`${error.message}\n${startUsage}`, 2);
}
if (options.help) {
  console.log(startUsage);
  process.exit(0);
}
const apps = servedApps();
let plan;
try {
  plan = planInstances(apps, options.instances);
} catch (error) {
  if (!(error instanceof StartUsageError)) throw error;
  fail(error.message, 2);
}

const checkout = checkoutId(workspaceRoot);
const prefix = process.env.RABBITMQ_PREFIX ?? '';
// One directory per start: a second `npm start` in this checkout (its workers then fail on the ports) must not wipe
// the records of the first.
const exitRecords = freshExitRecordDir(path.join(workspaceRoot, 'data', 'run', `start-${process.pid}`));
// The workers' own bound on a graceful stop, and a margin for their exit to be recorded.
const shutdownBoundMs = Number(process.env.SHUTDOWN_TIMEOUT_MS || 10_000) + 3_000;

/** The broker side: the environment every worker gets, and the management URLs to print. */
async function brokerForWorkers() {
  if (options.cluster !== undefined) {
    const cluster = await import('./cluster.mjs').catch((error) => {
      throw new Error(`--cluster needs tools/infra/cluster.mjs, which could not be loaded: ${error.message}`);
    });
    const ensured = await cluster.ensureCluster(options.cluster);
    const { rabbitmqUrl, managementUrls, nodes } = ensured;
    console.log(`[start] RabbitMQ cluster of ${options.cluster}: ${nodes.map((node) => node.name ?? node).join(', ')}`);
    // The stores of a start on the cluster are not the single broker's: a read side's archive position is an offset
    // into one broker's stream, and from another one's it would skip every record up to that offset (seen: order-view
    // at 557 of the single broker's archive, the cluster's holding 6). The secrets list the cluster's nodes, so they
    // live there too and the single broker's stay as they are.
    const dataDir = path.join('data', 'cluster');
    // As on the single broker: one user per service, its secret listing every node. Not under a prefix of one's own
    // (the provisioned users are bound to the default names).
    const provisioned = !prefix && (await cluster.provisionClusterUsers(ensured, 'start', { secretsDir: path.join(workspaceRoot, dataDir, 'secrets') }));
    console.log(`[start] on the cluster the workers keep their stores${provisioned ? ' and secrets' : ''} in ${dataDir}/, apart from the single broker's`);
    const env = { DATA_DIR: dataDir, ...(provisioned ? {} : { RABBITMQ_URL: rabbitmqUrl }) };
    return { env, management: managementUrls, vhost: provisioned ? 'troupe' : vhostOf(rabbitmqUrl) };
  }
  const url = await ensureRabbitMq();
  // `npm start -- --tls`: every worker over amqps:// on 5671, with the generated CA and client certificate.
  const tlsEnv = options.tls ? await ensureTls(url) : {};
  for (const line of options.tls ? describeTlsEnv(tlsEnv) : []) console.log(`[start] ${line}`);
  // Without an explicit RABBITMQ_URL: one least-privilege user per service on the `troupe` vhost; each worker then reads
  // its own data/secrets/<service>.env (so RABBITMQ_URL is left unset for them).
  // With --tls the secrets' URLs are amqps://…:5671 (each service's own user, over TLS); a plain start writes amqp:// again.
  // A RABBITMQ_PREFIX of the user's own is a namespace the provisioned users (bound to the default names) may not use:
  // the workers then run as the broker URL's user.
  const { RABBITMQ_URL: tlsUrl, ...tlsFiles } = tlsEnv;
  const provisioning = !process.env.RABBITMQ_URL && !prefix;
  const shared = await checkSharedBroker({ amqpUrl: url, provisioning, prefix, services: apps.map((app) => app.name), ownId: checkout, managementUrl: process.env.RABBITMQ_MANAGEMENT_URL });
  if (shared.others.length > 0) fail(describeClash(shared.others, { vhost: shared.vhost, prefix, provisioning }).join('\n'));
  if (shared.unmarked.length > 0) {
    console.log(`[start] WARNING: ${shared.unmarked.join(', ')} already connected to vhost ${shared.vhost} with the default names, not started by npm start (npm run worker, or an older checkout): they share this start's queues`);
  }
  const provisioned = provisioning && (await provisionBrokerUsers(tlsUrl ?? url, 'start'));
  return { env: { ...(provisioned ? {} : { RABBITMQ_URL: tlsUrl ?? url }), ...tlsFiles }, management: ['http://localhost:15672'], vhost: provisioned ? 'troupe' : vhostOf(tlsUrl ?? url) };
}

const broker = await brokerForWorkers().catch((error) => fail(error.message));
const admin = ensureAdminToken();
// The workers' stdout is a pipe (to Nx, or to this process): they are told to be pretty when a person watches this one.
const terminal = process.stdout.isTTY === true;
const workerEnv = {
  ...broker.env,
  ADMIN_TOKEN: admin.token,
  TROUPE_CHECKOUT: checkout,
  [exitRecordVariable]: exitRecords,
  ...(terminal && !process.env.LOG_FORMAT ? { LOG_FORMAT: 'pretty' } : {}),
  ...(terminal && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
};

/** Every worker once, through Nx (builds first, as the serve targets depend on build). */
function startThroughNx() {
  const nx = spawnNx(['run-many', '-t', 'serve', `--parallel=${apps.length}`, '--outputStyle=stream'], workerEnv, { stdio: ['inherit', 'pipe', 'pipe'] });
  const keep = nxOutputFilter(apps.map((app) => app.name), () => stopping);
  forwardLines(nx.stdout, process.stdout, keep);
  forwardLines(nx.stderr, process.stderr, keep);
  const stop = () => {
    // The workers themselves, so Nx keeps forwarding their shutdown lines and ends once they have; Nx's whole group
    // only if none said it started (still building), or as a backstop past the workers' own shutdown bound.
    const pids = runningWorkerPids(exitRecords);
    for (const pid of pids) signalPid(pid, 'SIGTERM');
    if (pids.length === 0) signalGroup(nx.pid, 'SIGTERM');
    setTimeout(() => signalGroup(nx.pid, 'SIGTERM'), shutdownBoundMs).unref();
  };
  return { exited: exitCodeOf(nx), stop };
}

function signalPid(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** N processes per worker from the build, each its own process group (Ctrl-C reaches it once, from here). */
function startInstances() {
  const build = spawnSync(process.execPath, [path.join(workspaceRoot, 'tools', 'infra', 'build.mjs')], { cwd: workspaceRoot, stdio: 'inherit' });
  if (build.status !== 0) fail('the build failed (above): nothing started');
  const children = plan.map((row) => {
    const { command, args } = serveCommand(row.app);
    const child = spawn(command, args, {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...workerEnv, PORT: String(row.port) },
    });
    // Nx's stream style, so every line says which process wrote it.
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.setEncoding('utf8').on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines) (stream === child.stderr ? process.stderr : process.stdout).write(`${row.label}: ${line}\n`);
      });
    }
    const exited = exitCodeOf(child).then((code) => {
      if (!stopping) console.error(`[start] ${row.label} (port ${row.port}) exited with ${code}; the others keep running (Ctrl-C stops them)`);
      return code;
    });
    return { child, exited };
  });
  return {
    exited: Promise.all(children.map((entry) => entry.exited)).then((codes) => Math.max(0, ...codes)),
    stop: () => children.forEach((entry) => signalGroup(entry.child.pid, 'SIGTERM')),
  };
}

let stopping = false;
const workers = options.instances === 1 ? startThroughNx() : startInstances();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('[start] stopping every worker…');
    workers.stop();
  });
}

const deadline = Date.now() + 180_000;
const pending = new Set(plan.map((row) => row.label));
while (pending.size > 0 && Date.now() < deadline && !stopping) {
  for (const row of plan) if (pending.has(row.label) && (await healthy(row.port))) pending.delete(row.label);
  await Promise.race([sleep(1000), workers.exited]);
}
if (!stopping) {
  console.log(`\n[start] Troupe is up${options.instances > 1 ? ` (${options.instances} instances of every worker)` : ''}:`);
  for (const row of plan) {
    const state = pending.has(row.label) ? 'NOT HEALTHY yet' : 'healthy';
    console.log(`  ${row.label.padEnd(24)} http://localhost:${row.port}  (${state}; /health, /metrics)`);
  }
  broker.management.forEach((url, index) => console.log(`  ${(broker.management.length > 1 ? `RabbitMQ management #${index + 1}` : 'RabbitMQ management').padEnd(24)} ${url}`));
  // The page to open when something looks wrong: every saga, what is stuck, the dead letters, the map.
  const board = apps.find((app) => app.name === 'saga-board');
  if (board) console.log(`  ${'saga board (browser)'.padEnd(24)} http://localhost:${board.port}/  (sagas, dead letters, the map; replay and purge take the admin token below)`);
  console.log(`  ${'broker names'.padEnd(24)} ${prefix ? `prefix "${prefix}"` : 'the default names'} on vhost ${broker.vhost}; this checkout is ${checkout}`);
  console.log(`[start] admin routes (PUT /stock/:sku, repairs, POST /runs) need Authorization: Bearer <token>; token: ${admin.source}`);
  console.log('[start] Ctrl-C stops everything.');
}
const exitCode = await workers.exited;
// Workers may still be draining when Nx (or the last child) is gone: wait for every record, bounded by their own
// shutdown bound and a margin.
const records = stopping ? await awaitExitRecords(exitRecords, plan, shutdownBoundMs) : readExitRecords(exitRecords);
const summary = stopSummary(plan, records);
for (const line of summary.lines) console.log(line);
rmSync(exitRecords, { recursive: true, force: true });
process.exit(stopping ? summary.exitCode : exitCode || 1);
