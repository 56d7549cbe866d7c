#!/usr/bin/env node
// Makes sure a RabbitMQ broker answers, trying in this order (README "The two commands"):
// RABBITMQ_URL → localhost:5672 → `docker compose` → a local rabbitmq-server → apt install (Debian/Ubuntu, root).
// Used by `npm start` and `npm test`; run alone with `npm run infra` (`-- --tls`: also the TLS listener, see tls.mjs;
// `-- --cluster 3|stop|reset|status`: a local three-node cluster instead, see cluster.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { amqpAnswers } from './amqp-probe.mjs';
import { brokerUrlList, hostPortOf } from './broker-urls.mjs';
import { ClusterUsageError, clusterArgFrom, clusterConnections, clusterStatus, describeCluster, ensureCluster, provisionClusterUsers, stopCluster } from './cluster.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line) => console.log(`[infra] ${line}`);


async function waitForAmqp(host, port, seconds) {
  for (let i = 0; i < seconds; i++) {
    if (await amqpAnswers(host, port)) return true;
    await sleep(1000);
  }
  return false;
}


const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: 'inherit', ...options });

function dockerEngineAnswers() {
  if (!has('docker')) return false;
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10000 }).status === 0;
}

function composeEnv() {
  const file = existsSync(path.join(root, '.env')) ? '.env' : '.env.example';
  const env = {};
  for (const line of readFileSync(path.join(root, file), 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  return env;
}

function localRabbitBinaries() {
  const dirs = ['', '/usr/sbin/', '/usr/lib/rabbitmq/bin/'];
  for (const dir of dirs) {
    const server = `${dir}rabbitmq-server`;
    if (dir === '' ? has(server) : existsSync(server)) return { server, ctl: `${dir}rabbitmqctl`, plugins: `${dir}rabbitmq-plugins` };
  }
  return undefined;
}

async function startLocal(bins) {
  say(`starting the local broker (${bins.server} -detached)`);
  run(bins.server, ['-detached']);
  for (let i = 0; i < 60; i++) {
    if (spawnSync(bins.ctl, ['await_startup'], { stdio: 'ignore', timeout: 30000 }).status === 0) break;
    await sleep(1000);
  }
  if (!(await waitForAmqp('localhost', 5672, 60))) throw new Error('rabbitmq-server started but port 5672 never answered AMQP');
  await enableManagement(bins);
}

/** Does the management HTTP API answer on localhost:15672 (any HTTP status counts: it is up)? */
function managementAnswers(timeoutMs = 2000) {
  return fetch('http://localhost:15672/api/overview', { signal: AbortSignal.timeout(timeoutMs) }).then(
    () => true,
    () => false,
  );
}

// Judged by the HTTP API itself: `rabbitmq-plugins --offline is_enabled` answers "enabled" on a fresh Debian install
// whose node has no enabled_plugins file and runs without the plugin.
async function enableManagement(bins) {
  if (await managementAnswers()) return;
  say('enabling the management plugin (HTTP API on :15672)');
  const enabled = spawnSync(bins.plugins, ['enable', 'rabbitmq_management'], { encoding: 'utf8', timeout: 120_000 });
  for (let second = 0; second < 60; second += 1) {
    if (await managementAnswers()) return;
    await sleep(1000);
  }
  say(`the management API still does not answer on :15672 (rabbitmq-plugins enable: ${(enabled.stderr || enabled.stdout || '').trim() || `status ${enabled.status}`})`);
}

function aptInstallable() {
  return existsSync('/etc/debian_version') && process.getuid?.() === 0 && has('apt-get');
}

/** Returns the broker URL to use, after making sure something answers there. */
export async function ensureRabbitMq() {
  if (process.env.RABBITMQ_URL) {
    // A cluster's nodes, comma-separated: the workers connect to any live one, so one answering node is enough here.
    const nodes = brokerUrlList(process.env.RABBITMQ_URL).map(hostPortOf);
    const where = nodes.map(({ host, port }) => `${host}:${port}`).join(', ');
    for (let second = 0; second < 30; second += 1) {
      for (const { host, port } of nodes) {
        if (await amqpAnswers(host, port)) {
          say(`using RABBITMQ_URL (${nodes.length > 1 ? `${host}:${port} answers, of ${where}` : `${host}:${port}`})`);
          return process.env.RABBITMQ_URL;
        }
      }
      await sleep(1000);
    }
    throw new Error(`RABBITMQ_URL is set but nothing speaks AMQP at ${where}; start that broker or unset RABBITMQ_URL`);
  }
  const localUrl = 'amqp://guest:guest@localhost:5672';
  if (await amqpAnswers('localhost', 5672)) {
    const bins = localRabbitBinaries();
    if (bins) await enableManagement(bins);
    say('a broker already answers on localhost:5672');
    return localUrl;
  }
  if (dockerEngineAnswers()) {
    say('starting RabbitMQ with docker compose');
    run('docker', ['compose', 'up', '-d', '--wait', 'rabbitmq'], { cwd: root });
    const env = composeEnv();
    if (!(await waitForAmqp('localhost', 5672, 90))) throw new Error('docker compose started rabbitmq but 5672 never answered');
    return `amqp://${env.RABBITMQ_USER}:${env.RABBITMQ_PASSWORD}@localhost:5672`;
  }
  let bins = localRabbitBinaries();
  if (!bins && aptInstallable()) {
    say('no broker found: installing rabbitmq-server with apt (Debian/Ubuntu, root)');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'rabbitmq-server'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    bins = localRabbitBinaries();
  }
  if (bins) {
    await startLocal(bins);
    say('local rabbitmq-server is up on localhost:5672 (management on :15672)');
    return localUrl;
  }
  throw new Error(
    [
      'no RabbitMQ broker could be found or started. Do one of:',
      '  - set RABBITMQ_URL=amqp://user:pass@host:5672 to use a broker you run;',
      '  - start Docker and run `docker compose up -d` (see README);',
      '  - install RabbitMQ (https://www.rabbitmq.com/docs/download) and start it on localhost:5672.',
    ].join('\n'),
  );
}

/**
 * `npm run infra -- --cluster <N|stop|reset|status> [--provision] [--force]` (tools/infra/cluster.mjs): the local cluster
 * troupe-1..N beside the default node, which is left as it is. `--provision` also creates the `troupe` vhost and the
 * per-service users on it, as `npm start` does; only on request, since it rewrites data/secrets/<service>.env to
 * list the cluster's nodes, which a single-node worker started later would then read.
 */
async function runClusterCommand(command, { provision, force }) {
  const started = Date.now();
  if (command.action === 'stop' || command.action === 'reset') {
    // The cluster is shared by whatever runs on this machine (a bench, a chaos run, npm start): stopping it under
    // their connections breaks them, so that takes --force.
    const connections = force ? [] : await clusterConnections();
    if (connections.length > 0) {
      const clients = [...new Set(connections.map((connection) => connection.client))];
      throw new ClusterUsageError(`${connections.length} client connection(s) are open on the cluster (${clients.slice(0, 6).join(', ')}${clients.length > 6 ? ', …' : ''}): stop them first, or add --force`);
    }
    await stopCluster({ wipe: command.action === 'reset' });
    return;
  }
  if (command.action === 'status') {
    const { nodes, members } = await clusterStatus();
    if (nodes.length === 0) say('no cluster node exists (start one with --cluster 3)');
    for (const node of nodes) say(`${node.name.padEnd(16)} ${node.amqp ? `running, AMQP ${node.amqpPort}, management ${node.managementPort}` : node.vm ? 'VM up, RabbitMQ application stopped' : 'stopped'}${members.includes(node.name) ? ', cluster member' : ''}`);
    if (nodes.some((node) => node.amqp)) say(`${(await clusterConnections()).length} client connection(s) open`);
    return;
  }
  const result = await ensureCluster(command.size);
  if (provision && !(await provisionClusterUsers(result, 'infra'))) throw new Error('provisioning the cluster failed (above)');
  const [ready, caption, urlLine, management] = describeCluster(result);
  say(ready);
  say(caption);
  // Bare, so it can be copied (or picked out with grep ^RABBITMQ_URL=) as it is.
  console.log(urlLine);
  say(management);
  say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let clusterCommand;
  try {
    clusterCommand = clusterArgFrom(process.argv.slice(2));
    if (clusterCommand && process.argv.includes('--tls')) throw new ClusterUsageError('--tls sets up the default node on 5671; the cluster (--cluster) has no TLS listener: use one or the other');
    if (process.argv.includes('--provision') && clusterCommand?.action !== 'start') throw new ClusterUsageError('--provision goes with --cluster <N> (it provisions the cluster it starts)');
  } catch (error) {
    if (!(error instanceof ClusterUsageError)) throw error;
    console.error(`[infra] ${error.message}`);
    process.exit(2);
  }
  if (clusterCommand) {
    runClusterCommand(clusterCommand, { provision: process.argv.includes('--provision'), force: process.argv.includes('--force') }).catch((error) => {
      console.error(`[infra] ${error.message}`);
      process.exit(error instanceof ClusterUsageError ? 2 : 1);
    });
  } else {
    ensureRabbitMq()
      .then(async (url) => {
        say(`ready: ${url.replace(/\/\/[^@]*@/, '//***@')}`);
        // `npm run infra -- --tls`: also a TLS listener on 5671 with a generated CA (tools/infra/tls.mjs).
        if (process.argv.includes('--tls')) {
          const { describeTlsEnv, ensureTls } = await import('./tls.mjs');
          for (const line of describeTlsEnv(await ensureTls(url))) say(line);
        }
      })
      .catch((error) => {
        console.error(`[infra] ${error.message}`);
        process.exit(1);
      });
  }
}
