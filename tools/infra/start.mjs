#!/usr/bin/env node
// `npm start`: ensure a broker (or, with --cluster N, a local RabbitMQ cluster), run every worker, print the URLs once
// healthy. One instance each runs through `nx run-many -t serve`; with --instances N the built workers are started
// directly, N processes per worker (Nx runs a target once). Ctrl-C (or SIGTERM) stops them all: each worker shuts
// down gracefully. Flags and port rule: tools/infra/start-plan.mjs.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureAdminToken } from './admin-token.mjs';
import { provisionBrokerUsers } from './broker-users.mjs';
import { ensureRabbitMq } from './ensure-rabbitmq.mjs';
import { describeTlsEnv, ensureTls } from './tls.mjs';
import { servedApps, workspaceRoot } from './apps.mjs';
import { exitCodeOf, spawnNx } from './nx.mjs';
import { parseStartOptions, planInstances, serveCommand, StartUsageError, startUsage } from './start-plan.mjs';

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
const apps = servedApps();
let plan;
try {
  plan = planInstances(apps, options.instances);
} catch (error) {
  if (!(error instanceof StartUsageError)) throw error;
  fail(error.message, 2);
}

/** The broker side: the environment every worker gets, and the management URLs to print. */
async function brokerForWorkers() {
  if (options.cluster !== undefined) {
    const cluster = await import('./cluster.mjs').catch((error) => {
      throw new Error(`--cluster needs tools/infra/cluster.mjs, which could not be loaded: ${error.message}`);
    });
    const { rabbitmqUrl, managementUrls, nodes } = await cluster.ensureCluster(options.cluster);
    console.log(`[start] RabbitMQ cluster of ${options.cluster}: ${nodes.map((node) => node.name ?? node).join(', ')}`);
    // Explicit: with RABBITMQ_URL unset a worker would read data/secrets/<service>.env, which names the single broker.
    return { env: { RABBITMQ_URL: rabbitmqUrl }, management: managementUrls };
  }
  const url = await ensureRabbitMq();
  // `npm start -- --tls`: every worker over amqps:// on 5671, with the generated CA and client certificate.
  const tlsEnv = options.tls ? await ensureTls(url) : {};
  for (const line of options.tls ? describeTlsEnv(tlsEnv) : []) console.log(`[start] ${line}`);
  // Without an explicit RABBITMQ_URL: one least-privilege user per service on the `troupe` vhost; each worker then reads
  // its own data/secrets/<service>.env (so RABBITMQ_URL is left unset for them).
  // With --tls the secrets' URLs are amqps://…:5671 (each service's own user, over TLS); a plain start writes amqp:// again.
  const { RABBITMQ_URL: tlsUrl, ...tlsFiles } = tlsEnv;
  const provisioned = !process.env.RABBITMQ_URL && (await provisionBrokerUsers(tlsUrl ?? url, 'start'));
  return { env: { ...(provisioned ? {} : { RABBITMQ_URL: tlsUrl ?? url }), ...tlsFiles }, management: ['http://localhost:15672'] };
}

const broker = await brokerForWorkers().catch((error) => fail(error.message));
const admin = ensureAdminToken();
const workerEnv = { ...broker.env, ADMIN_TOKEN: admin.token };

/** Every worker once, through Nx (builds first, as the serve targets depend on build). */
function startThroughNx() {
  const nx = spawnNx(['run-many', '-t', 'serve', `--parallel=${apps.length}`, '--outputStyle=stream'], workerEnv);
  return { exited: exitCodeOf(nx), stop: () => signalGroup(nx.pid, 'SIGTERM') };
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
  console.log(`[start] admin routes (PUT /stock/:sku, repairs, POST /runs) need Authorization: Bearer <token>; token: ${admin.source}`);
  console.log('[start] Ctrl-C stops everything.');
}
process.exit(await workers.exited);
