#!/usr/bin/env node
// `npm start`: ensure a broker, run every worker with `nx run-many -t serve`, print the URLs once healthy.
// Ctrl-C (or SIGTERM) stops them all: each worker shuts down gracefully.
import { ensureAdminToken } from './admin-token.mjs';
import { provisionBrokerUsers } from './broker-users.mjs';
import { ensureRabbitMq } from './ensure-rabbitmq.mjs';
import { describeTlsEnv, ensureTls } from './tls.mjs';
import { servedApps } from './apps.mjs';
import { exitCodeOf, spawnNx } from './nx.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(port) {
  try {
    const response = await fetch(`http://localhost:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

const url = await ensureRabbitMq().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
// `npm start -- --tls`: every worker over amqps:// on 5671, with the generated CA and client certificate.
const tlsEnv = process.argv.includes('--tls')
  ? await ensureTls(url).then(
      (env) => {
        for (const line of describeTlsEnv(env)) console.log(`[start] ${line}`);
        return env;
      },
      (error) => {
        console.error(`[start] ${error.message}`);
        process.exit(1);
      },
    )
  : {};
// Without an explicit RABBITMQ_URL: one least-privilege user per service on the `troupe` vhost; each worker then reads
// its own data/secrets/<service>.env (so RABBITMQ_URL is left unset for them).
// With --tls the secrets' URLs are amqps://…:5671 (each service's own user, over TLS); a plain start writes amqp:// again.
const { RABBITMQ_URL: tlsUrl, ...tlsFiles } = tlsEnv;
const provisioned = !process.env.RABBITMQ_URL && (await provisionBrokerUsers(tlsUrl ?? url, 'start'));
const admin = ensureAdminToken();
const apps = servedApps();
const nx = spawnNx(['run-many', '-t', 'serve', `--parallel=${apps.length}`, '--outputStyle=stream'], { ...(provisioned ? {} : { RABBITMQ_URL: tlsUrl ?? url }), ADMIN_TOKEN: admin.token, ...tlsFiles });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('[start] stopping every worker…');
    try {
      process.kill(-nx.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  });
}
const exited = exitCodeOf(nx);

const deadline = Date.now() + 180_000;
const pending = new Set(apps.map((app) => app.name));
while (pending.size > 0 && Date.now() < deadline && !stopping) {
  for (const app of apps) if (pending.has(app.name) && (await healthy(app.port))) pending.delete(app.name);
  await Promise.race([sleep(1000), exited]);
}
if (!stopping) {
  console.log('\n[start] Troupe is up:');
  for (const app of apps) {
    const state = pending.has(app.name) ? 'NOT HEALTHY yet' : 'healthy';
    console.log(`  ${app.name.padEnd(22)} http://localhost:${app.port}  (${state}; /health, /metrics)`);
  }
  console.log('  RabbitMQ management     http://localhost:15672');
  console.log(`[start] admin routes (PUT /stock/:sku, repairs, POST /runs) need Authorization: Bearer <token>; token: ${admin.source}`);
  console.log('[start] Ctrl-C stops everything.');
}
process.exit(await exited);
