// `npm run infra -- --cluster 3`: a local RabbitMQ cluster of nodes troupe-1..N on this machine, beside the default
// node (rabbit@<host> on 5672, which is never touched). Node k listens on AMQP 5680+k, management 15680+k and Erlang
// distribution 25680+k; its data and log live in data/rabbitmq-cluster/troupe-k/. Nodes run as the rabbitmq user
// (the Debian package's cookie in /var/lib/rabbitmq is theirs), each started straight from /usr/lib/rabbitmq/bin
// because the /usr/sbin wrapper drops the RABBITMQ_* variables that give each node its own name, ports and files.
// `--cluster stop` stops them (data kept), `--cluster reset` stops them and deletes their data.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { amqpAnswers as amqpAnswersOn } from './amqp-probe.mjs';
import { workspaceRoot } from './apps.mjs';

export const clusterDataDir = path.join(workspaceRoot, 'data', 'rabbitmq-cluster');
/** Where the nodes keep their files when the rabbitmq user cannot write under the workspace (e.g. a home 0700). */
export const fallbackDataDir = '/var/lib/rabbitmq/troupe-cluster';
export const maxClusterSize = 9;
/** Node k's ports are these plus k: 5681…, 15681…, 25681… keep clear of the default node's 5672, 15672 and 25672. */
export const portBases = { amqp: 5680, management: 15680, dist: 25680 };
const binDir = '/usr/lib/rabbitmq/bin';
const say = (line) => console.log(`[infra] ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class ClusterUsageError extends Error {}

/**
 * The value of `--cluster`: a size (3, the cluster the docs and tests use; also 1 or 4–9), `stop`, `reset` or `status`.
 * @returns {{ action: 'start', size: number } | { action: 'stop' | 'reset' | 'status' }}
 */
export function parseClusterArg(value) {
  const accepted = `accepted: a node count (3; also 1 or 4-${maxClusterSize}), stop, reset or status`;
  if (value === undefined || value === '' || value.startsWith('--')) throw new ClusterUsageError(`--cluster needs a value; ${accepted}`);
  if (['stop', 'reset', 'status'].includes(value)) return { action: value };
  if (!/^[0-9]+$/.test(value)) throw new ClusterUsageError(`--cluster ${value}: not a node count; ${accepted}`);
  const size = Number(value);
  if (size < 1 || size > maxClusterSize) throw new ClusterUsageError(`--cluster ${value}: out of range; ${accepted}`);
  if (size === 2) {
    // Two replicas give a quorum of two: losing either node stops every quorum queue, which is worse than one node.
    throw new ClusterUsageError(`--cluster 2: a two-node cluster loses its quorum queues when either node stops; use 3 (or 1); ${accepted}`);
  }
  return { action: 'start', size };
}

/** `--cluster <value>` (or `--cluster=<value>`) in argv, parsed; undefined when the flag is absent. */
export function clusterArgFrom(argv) {
  const at = argv.findIndex((arg) => arg === '--cluster' || arg.startsWith('--cluster='));
  if (at === -1) return undefined;
  const arg = argv[at];
  return parseClusterArg(arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1]);
}

/** RabbitMQ names nodes after the short host name (`hostname -s`), as the default node rabbit@<host> is. */
export function shortHostname() {
  try {
    return execFileSync('hostname', ['-s'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || os.hostname().split('.')[0];
  } catch {
    return os.hostname().split('.')[0];
  }
}

/**
 * The layout of a cluster of `size` nodes, pure: names, ports, directories.
 * @returns {{ index: number, id: string, name: string, amqpPort: number, managementPort: number, distPort: number, dir: string }[]}
 */
export function clusterNodes(size, host = shortHostname(), dataDir = clusterDataDir) {
  if (!Number.isInteger(size) || size < 1 || size > maxClusterSize) throw new ClusterUsageError(`a cluster has 1-${maxClusterSize} nodes, not ${size}`);
  return Array.from({ length: size }, (_, i) => {
    const index = i + 1;
    const id = `troupe-${index}`;
    return {
      index,
      id,
      name: `${id}@${host}`,
      amqpPort: portBases.amqp + index,
      managementPort: portBases.management + index,
      distPort: portBases.dist + index,
      dir: path.join(dataDir, id),
    };
  });
}

/**
 * One AMQP URL per node, same credentials and vhost in each (the cluster shares users and vhosts).
 * @param {{ amqpPort: number }[]} nodes
 * @param {{ user?: string, password?: string, vhost?: string, host?: string, protocol?: string }} [options]
 */
export function clusterUrls(nodes, { user = 'guest', password = 'guest', vhost, host = 'localhost', protocol = 'amqp:' } = {}) {
  return nodes.map((node) => {
    const url = new URL(`${protocol}//${host}:${node.amqpPort}`);
    url.username = encodeURIComponent(user);
    url.password = encodeURIComponent(password);
    if (vhost !== undefined) url.pathname = `/${encodeURIComponent(vhost)}`;
    return url.toString().replace(/\/$/, '');
  });
}

/** RABBITMQ_URL's cluster form: every node's URL, comma-separated (the workers try them in turn). */
export const joinUrls = (urls) => urls.join(',');

export function managementUrls(nodes, host = 'localhost') {
  return nodes.map((node) => `http://${host}:${node.managementPort}`);
}

/** The node's rabbitmq.conf. Its own file, so the default node's /etc/rabbitmq/rabbitmq.conf (TLS on 5671) stays out. */
export function nodeConfig(node) {
  return [
    '# Written by tools/infra/cluster.mjs at every start; edit there.',
    `management.tcp.port = ${node.managementPort}`,
    // Quorum queue leaders go to the node with the fewest leaders rather than the one the declaring client is on;
    // every worker connects to the first URL it can, so client-local would put every leader on troupe-1.
    'queue_leader_locator = balanced',
    '',
  ].join('\n');
}

/** The variables that make a node this node (the Debian wrapper would drop them, hence the direct binaries). */
export function nodeEnvironment(node) {
  return {
    RABBITMQ_NODENAME: node.name,
    RABBITMQ_NODE_PORT: String(node.amqpPort),
    RABBITMQ_DIST_PORT: String(node.distPort),
    RABBITMQ_MNESIA_BASE: path.join(node.dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(node.dir, 'log'),
    RABBITMQ_CONFIG_FILE: path.join(node.dir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(node.dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(node.dir, 'enabled_plugins'),
    // Four Erlang VMs share two cores here: no scheduler busy-waiting, which would burn CPU the workers need.
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '+sbwt none +sbwtdcpu none +sbwtdio none',
  };
}

/** epmd's NAMES answer (after its 4-byte port): `name troupe-1 at port 25681` lines → Map name → port. */
export function parseEpmdNames(text) {
  const names = new Map();
  for (const match of text.matchAll(/^name (\S+) at port (\d+)$/gm)) names.set(match[1], Number(match[2]));
  return names;
}

/** The Erlang nodes registered on this machine, asked of epmd directly: instant, unlike a CLI call (~1 s each). */
export function epmdNames(port = 4369) {
  return new Promise((resolve) => {
    const chunks = [];
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000, () => socket.destroy());
    socket.once('error', () => resolve(new Map()));
    socket.once('connect', () => socket.write(Buffer.from([0, 1, 110])));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.once('close', () => resolve(parseEpmdNames(Buffer.concat(chunks).subarray(4).toString('latin1'))));
  });
}

/** Node ports are bound on loopback. */
const amqpAnswers = (port, timeoutMs) => amqpAnswersOn('127.0.0.1', port, timeoutMs);

let rabbitmqAccount;
function rabbitmqUser() {
  if (rabbitmqAccount) return rabbitmqAccount;
  const entry = spawnSync('getent', ['passwd', 'rabbitmq'], { encoding: 'utf8' }).stdout?.trim();
  if (!entry || !existsSync(path.join(binDir, 'rabbitmq-server'))) {
    throw new Error(`--cluster runs the rabbitmq-server package's binaries (${binDir}) as the rabbitmq user: install rabbitmq-server (apt-get install rabbitmq-server), or use the cluster profile of docker-compose.yml`);
  }
  const [, , uid, gid, , home] = entry.split(':');
  rabbitmqAccount = { uid: Number(uid), gid: Number(gid), home };
  return rabbitmqAccount;
}

/** The command line that runs a RabbitMQ binary as the rabbitmq user with `env` set. */
export function asRabbitmq(binary, args, env = {}) {
  const account = rabbitmqUser();
  const vars = { HOME: account.home, ...env };
  if (process.getuid?.() === account.uid) return { command: path.join(binDir, binary), args, env: { ...process.env, ...vars } };
  if (process.getuid?.() !== 0) throw new Error('--cluster starts RabbitMQ nodes as the rabbitmq user: run it as root (or as rabbitmq)');
  const assignments = Object.entries(vars).map(([name, value]) => `${name}=${value}`);
  return { command: 'runuser', args: ['-u', 'rabbitmq', '--', 'env', ...assignments, path.join(binDir, binary), ...args], env: process.env };
}

/** Runs a command; resolves with its status and combined output, never rejects (a timeout is status null). */
function runCommand({ command, args, env }, timeoutMs = 60_000) {
  return new Promise((resolve) => {
    // The rabbitmq user must be able to stand in the working directory.
    const child = spawn(command, args, { env, cwd: rabbitmqUser().home, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, status: null, output: error.message });
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ ok: status === 0, status, output: output.trim() });
    });
  });
}

/** `troupe-2`, `troupe-2@host`, 2 or a node from clusterNodes → the full node name. */
export function nodeNameOf(node, host = shortHostname()) {
  if (typeof node === 'number') return `troupe-${node}@${host}`;
  if (typeof node === 'object' && node?.name) return node.name;
  if (typeof node === 'string') return node.includes('@') ? node : `${node}@${host}`;
  throw new TypeError(`not a node: ${String(node)}`);
}

/**
 * A rabbitmqctl bound to one node, for the chaos and node-loss tests: `await rabbitmqctlFor(2)(['stop_app'])`, then
 * `['start_app']`. Resolves with `{ ok, status, output }`; a failure is reported, not thrown.
 */
export function rabbitmqctlFor(node) {
  const name = nodeNameOf(node);
  return (args, { timeoutMs = 120_000 } = {}) => runCommand(asRabbitmq('rabbitmqctl', ['-n', name, ...args]), timeoutMs);
}

/** Stops (`stop_app`) or starts (`start_app`) the RabbitMQ application on one node; its Erlang VM keeps running. */
export async function setNodeApp(node, running) {
  const result = await rabbitmqctlFor(node)([running ? 'start_app' : 'stop_app']);
  if (!result.ok) throw new Error(`rabbitmqctl -n ${nodeNameOf(node)} ${running ? 'start_app' : 'stop_app'} failed: ${result.output}`);
}

/** The node directories under the data directory: which nodes have existed (a cluster remembers its members). */
function existingNodeIndexes(dataDir) {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .map((entry) => /^troupe-([0-9]+)$/.exec(entry))
    .filter(Boolean)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
}

function canWriteAsRabbitmq(dir) {
  const account = rabbitmqUser();
  const [command, args] = process.getuid?.() === account.uid ? ['test', ['-w', dir]] : ['runuser', ['-u', 'rabbitmq', '--', 'test', '-w', dir]];
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** A directory as the user should read it: workspace-relative inside the workspace, absolute elsewhere. */
const shown = (dir) => (dir.startsWith(`${workspaceRoot}${path.sep}`) ? path.relative(workspaceRoot, dir) : dir);

function usableDataDir(dir) {
  const account = rabbitmqUser();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    if (process.getuid?.() === 0) chownSync(dir, account.uid, account.gid);
  } catch {
    return false;
  }
  return canWriteAsRabbitmq(dir);
}

/**
 * The data directory the nodes use: data/rabbitmq-cluster in the workspace, owned by rabbitmq; or, when the
 * rabbitmq user cannot write there (a parent directory it may not traverse), the fallback under /var/lib/rabbitmq.
 */
function ensureDataDir() {
  // An earlier run that fell back keeps its nodes where they are.
  if (existingNodeIndexes(clusterDataDir).length === 0 && existingNodeIndexes(fallbackDataDir).length > 0) return fallbackDataDir;
  if (usableDataDir(clusterDataDir)) return clusterDataDir;
  if (usableDataDir(fallbackDataDir)) {
    // Typically data/ is 0700 (npm start creates it so, for data/secrets): the rabbitmq user may not even enter it.
    say(`the rabbitmq user cannot write ${shown(clusterDataDir)}/ (is data/ 0700?): the cluster's data and logs go to ${fallbackDataDir}/`);
    return fallbackDataDir;
  }
  throw new Error(`the rabbitmq user can write neither ${clusterDataDir} nor ${fallbackDataDir}; make one of them writable by rabbitmq`);
}

/** The directory in use: the workspace's when it holds nodes (or no node exists anywhere), else the fallback. */
function currentDataDir() {
  if (existingNodeIndexes(clusterDataDir).length > 0) return clusterDataDir;
  if (existingNodeIndexes(fallbackDataDir).length > 0) return fallbackDataDir;
  return clusterDataDir;
}

function prepareNode(node) {
  const account = rabbitmqUser();
  for (const dir of [node.dir, path.join(node.dir, 'mnesia'), path.join(node.dir, 'log')]) {
    mkdirSync(dir, { recursive: true });
    if (process.getuid?.() === 0) chownSync(dir, account.uid, account.gid);
  }
  writeFileSync(path.join(node.dir, 'rabbitmq.conf'), nodeConfig(node));
  const plugins = path.join(node.dir, 'enabled_plugins');
  if (!existsSync(plugins)) writeFileSync(plugins, '[rabbitmq_management].\n');
  // rabbitmq-plugins rewrites this file when someone enables a plugin on the node.
  if (process.getuid?.() === 0) chownSync(plugins, account.uid, account.gid);
}

function logTail(node, lines = 15) {
  const file = path.join(node.dir, 'log', `${node.name}.log`);
  if (!existsSync(file)) return `(no log at ${file})`;
  return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

async function awaitStartup(node, deadlineMs) {
  const ctl = rabbitmqctlFor(node);
  let last;
  while (Date.now() < deadlineMs) {
    last = await ctl(['await_startup', '--timeout', '30'], { timeoutMs: 40_000 });
    if (last.ok) return;
    await sleep(1000);
  }
  throw new Error(`${node.name} did not finish booting (${last?.output.split('\n').slice(-1)[0] ?? 'no answer'}); the end of its log:\n${logTail(node)}`);
}

async function startNode(node, deadlineMs) {
  const result = await runCommand(asRabbitmq('rabbitmq-server', ['-detached'], nodeEnvironment(node)), 30_000);
  if (!result.ok) throw new Error(`rabbitmq-server -detached for ${node.name} failed: ${result.output}`);
  await awaitStartup(node, deadlineMs);
}

async function clusterStatusOf(node) {
  const result = await rabbitmqctlFor(node)(['cluster_status', '--formatter', 'json']);
  if (!result.ok) throw new Error(`rabbitmqctl -n ${node.name} cluster_status failed: ${result.output}`);
  // The JSON follows any banner line the CLI prints.
  return JSON.parse(result.output.slice(result.output.indexOf('{')));
}

async function managementAnswers(node, seconds) {
  const authorization = `Basic ${Buffer.from('guest:guest').toString('base64')}`;
  for (let i = 0; i < seconds; i++) {
    try {
      const response = await fetch(`http://localhost:${node.managementPort}/api/overview`, { headers: { authorization }, signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      /* the plugin starts a moment after the node reports booted */
    }
    await sleep(1000);
  }
  return false;
}

/** One ensure/stop at a time, across processes: two test runs starting the same nodes would trip over each other. */
async function withLock(action) {
  mkdirSync(path.dirname(clusterDataDir), { recursive: true });
  const lock = path.join(path.dirname(clusterDataDir), '.rabbitmq-cluster.lock');
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      writeFileSync(lock, String(process.pid));
      break;
    } catch {
      const owner = Number(readFileSync(lock, 'utf8').trim() || 0);
      let alive = false;
      try {
        alive = owner > 0 && process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (!alive) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`another process (pid ${owner}) has held ${lock} for 5 minutes`);
      else await sleep(500);
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Starts (or reuses) the local cluster of `size` nodes and makes every node a running member of troupe-1's cluster.
 * @returns {Promise<{ urls: string[], rabbitmqUrl: string, managementUrls: string[], nodes: ReturnType<typeof clusterNodes> }>}
 */
export function ensureCluster(size) {
  return withLock(async () => {
    const started = Date.now();
    const dataDir = ensureDataDir();
    const nodes = clusterNodes(size, shortHostname(), dataDir);
    const extra = existingNodeIndexes(dataDir).filter((index) => index > size);
    if (extra.length > 0) {
      // Its data remembers those members: a smaller cluster would wait minutes for them at boot.
      throw new ClusterUsageError(`${dataDir} holds a cluster with troupe-${Math.max(...extra)}: run --cluster ${Math.max(...extra)}, or --cluster reset first for a cluster of ${size}`);
    }
    const registered = await epmdNames();
    await Promise.all(
      nodes
        .filter((node) => !registered.has(node.id))
        .map(async (node) => {
          if (await amqpAnswers(node.amqpPort, 500)) throw new Error(`port ${node.amqpPort} (for ${node.name}) is taken by something that is not ${node.name}`);
        }),
    );
    const deadline = Date.now() + 180_000;
    const states = await Promise.all(
      nodes.map(async (node) => {
        prepareNode(node);
        if (!registered.has(node.id)) {
          await startNode(node, deadline);
          return 'started';
        }
        if (registered.get(node.id) !== node.distPort) throw new Error(`an Erlang node named ${node.id} runs with distribution port ${registered.get(node.id)}, not ${node.distPort}: not one of ours; stop it first`);
        if (await amqpAnswers(node.amqpPort)) return 'running';
        // The VM is up and its AMQP port silent: still booting (another run started it), or its application was
        // stopped (a test's stop_app, never started again), which only start_app ends.
        const state = await rabbitmqctlFor(node)(['eval', 'rabbit_boot_state:get().']);
        if (state.ok && state.output.trim() === 'stopped') {
          say(`${node.name} runs with its RabbitMQ application stopped: start_app`);
          await setNodeApp(node, true);
          await awaitStartup(node, deadline);
          return 'app started';
        }
        await awaitStartup(node, deadline);
        return 'running';
      }),
    );
    const [first, ...others] = nodes;
    let members = (await clusterStatusOf(first)).running_nodes ?? [];
    for (const node of others) {
      if (members.includes(node.name)) continue;
      say(`${node.name} joins ${first.name}'s cluster`);
      const ctl = rabbitmqctlFor(node);
      for (const args of [['stop_app'], ['join_cluster', first.name], ['start_app']]) {
        const result = await ctl(args);
        if (!result.ok) throw new Error(`rabbitmqctl -n ${node.name} ${args.join(' ')} failed: ${result.output}`);
      }
      members = (await clusterStatusOf(first)).running_nodes ?? [];
    }
    const missing = nodes.filter((node) => !members.includes(node.name));
    if (missing.length > 0) throw new Error(`${missing.map((node) => node.name).join(', ')} not running in ${first.name}'s cluster (running: ${members.join(', ')})`);
    const silent = [];
    await Promise.all(nodes.map(async (node) => (await managementAnswers(node, 60)) || silent.push(node.name)));
    if (silent.length > 0) throw new Error(`the management API does not answer on ${silent.join(', ')}; see ${path.join(dataDir, '<node>', 'log')}`);
    const startedCount = states.filter((state) => state === 'started').length;
    const appStarted = nodes.filter((_, i) => states[i] === 'app started').map((node) => node.id);
    say(
      startedCount === 0
        ? `cluster of ${size} already running (${nodes.map((node) => node.id).join(', ')}${appStarted.length > 0 ? `; start_app on ${appStarted.join(', ')}` : ''}), reused in ${Date.now() - started} ms`
        : `cluster of ${size} up in ${((Date.now() - started) / 1000).toFixed(1)} s (${startedCount} node(s) started; data and logs in ${shown(dataDir)}/)`,
    );
    const urls = clusterUrls(nodes);
    return { urls, rabbitmqUrl: joinUrls(urls), managementUrls: managementUrls(nodes), nodes };
  });
}

/** Every troupe-N node with a data directory or a running VM (a VM may outlive a deleted directory). */
function knownNodes(dataDir, registered, host = shortHostname()) {
  const running = [...registered.keys()].map((name) => /^troupe-([0-9]+)$/.exec(name)?.[1]).filter(Boolean).map(Number);
  const indexes = [...new Set([...existingNodeIndexes(dataDir), ...running])].filter((index) => index <= maxClusterSize).sort((a, b) => a - b);
  if (indexes.length === 0) return [];
  const all = clusterNodes(Math.max(...indexes), host, dataDir);
  return indexes.map((index) => all[index - 1]);
}

/** Stops every troupe-N node there is (in parallel); with `wipe`, deletes their data and logs too. */
export function stopCluster({ wipe = false } = {}) {
  return withLock(async () => {
    const started = Date.now();
    const dataDir = currentDataDir();
    const registered = await epmdNames();
    const host = shortHostname();
    const nodes = knownNodes(dataDir, registered, host);
    const running = nodes.filter((node) => registered.has(node.id));
    const results = await Promise.all(running.map(async (node) => ({ node, result: await rabbitmqctlFor(node)(['stop']) })));
    const failed = results.filter(({ result }) => !result.ok);
    if (failed.length > 0) throw new Error(failed.map(({ node, result }) => `rabbitmqctl -n ${node.name} stop failed: ${result.output}`).join('\n'));
    if (wipe) for (const node of nodes) rmSync(node.dir, { recursive: true, force: true });
    const what = running.length === 0 ? 'no cluster node was running' : `stopped ${running.map((node) => node.id).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
    say(`${what}; ${wipe ? `deleted their data (${nodes.length} node dir(s))` : `data kept in ${shown(dataDir)}/`}`);
    return { stopped: running.map((node) => node.name), wiped: wipe };
  });
}

/**
 * The client connections open on the cluster (cluster-wide, asked of the first management API that answers): what
 * `--cluster stop` would cut. Empty when no node answers.
 * @returns {Promise<{ client: string, user: string, node: string }[]>}
 */
export async function clusterConnections() {
  const registered = await epmdNames();
  const authorization = `Basic ${Buffer.from('guest:guest').toString('base64')}`;
  for (const node of knownNodes(currentDataDir(), registered).filter((candidate) => registered.has(candidate.id))) {
    try {
      const response = await fetch(`http://localhost:${node.managementPort}/api/connections?columns=name,user,node,client_properties`, { headers: { authorization }, signal: AbortSignal.timeout(3000) });
      if (!response.ok) continue;
      const connections = await response.json();
      return connections.map((connection) => ({ client: connection.client_properties?.connection_name ?? connection.name, user: connection.user, node: connection.node }));
    } catch {
      /* this node's management API is down: ask the next */
    }
  }
  return [];
}

/** Which troupe-N nodes run, and who their cluster says its members are. */
export async function clusterStatus() {
  const dataDir = currentDataDir();
  const registered = await epmdNames();
  const nodes = knownNodes(dataDir, registered);
  const states = await Promise.all(nodes.map(async (node) => ({ ...node, vm: registered.has(node.id), amqp: await amqpAnswers(node.amqpPort, 1000) })));
  const answering = states.find((node) => node.amqp);
  const members = answering ? ((await clusterStatusOf(answering)).running_nodes ?? []) : [];
  return { nodes: states, members };
}

/**
 * The `troupe` vhost and one user per service on the cluster, as `npm start` provisions the single node: through
 * troupe-1's management API, with every node's URL (the service's own credentials in each) in data/secrets/<service>.env
 * (or `secretsDir`). Resolves true when the workers can read their secrets (leave RABBITMQ_URL unset for them).
 */
export async function provisionClusterUsers(cluster, tag = 'infra', { secretsDir } = {}) {
  const { provisionBrokerUsers } = await import('./broker-users.mjs');
  const management = new URL(cluster.managementUrls[0]);
  management.username = 'guest';
  management.password = 'guest';
  return provisionBrokerUsers(cluster.rabbitmqUrl, tag, { managementUrl: management.toString(), secretsDir });
}

/** The lines `npm run infra -- --cluster N` prints: one RABBITMQ_URL line to copy, then the management UIs. */
export function describeCluster(cluster) {
  return [
    `cluster ready: ${cluster.nodes.map((node) => `${node.name} (AMQP ${node.amqpPort})`).join(', ')}`,
    'connection setting (guest on vhost /; --provision gives each service its own user in data/secrets/):',
    `RABBITMQ_URL=${cluster.rabbitmqUrl}`,
    `management: ${cluster.managementUrls.join('  ')}  (guest/guest from localhost)`,
  ];
}
