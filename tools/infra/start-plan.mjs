// What `npm start` runs, decided from its flags before anything starts: the options (`--instances N`, `--cluster N`,
// `--tls`), every worker process with its HTTP port, and the command each one runs. Pure, so its rules have a spec
// (tools/architecture/src/start-plan.spec.ts) and a bad flag fails before a broker or a build is touched.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from './apps.mjs';

/** Instance k (1-based) of an app listens on its serve port + portStep·(k−1): order-service 3000, 3100, 3200, … */
export const portStep = 100;
/** More would reach the next hundred's ports of nothing in particular, and a 2-core machine gains nothing past 2–3. */
export const maxInstances = 9;
export const maxClusterNodes = 9;

export class StartUsageError extends Error {}

export const startUsage = `npm start [-- --instances N] [-- --cluster N] [-- --tls] [-- --help]
  --instances N   run every worker N times (1–${maxInstances}, default 1), competing consumers on one store per worker;
                  instance k listens on the worker's port + ${portStep}·(k−1)
  --cluster N     a local RabbitMQ cluster of N nodes (tools/infra/cluster.mjs) instead of the single broker;
                  every worker gets the nodes' comma-separated RABBITMQ_URL
  --tls           the single broker over amqps:// on 5671 (not with --cluster)
  --help, -h      print this and exit, starting nothing`;

function count(flag, raw, max) {
  if (raw === undefined || raw.startsWith('--')) throw new StartUsageError(`${flag} needs a number (1–${max}), got nothing`);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value < 1 || value > max) throw new StartUsageError(`${flag} needs a whole number from 1 to ${max}, got "${raw}"`);
  return value;
}

/**
 * The flags `npm start` knows. Flags it does not know are left alone (returned in `other`): another part of the start
 * may read them, and npm passes its own through.
 */
export function parseStartOptions(argv, env = {}) {
  const options = { instances: 1, cluster: undefined, tls: false, help: false, other: [] };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => (inline !== undefined ? inline : argv[++index]);
    if (flag === '--instances') options.instances = count(flag, value(), maxInstances);
    else if (flag === '--cluster') options.cluster = count(flag, value(), maxClusterNodes);
    else if (flag === '--tls') options.tls = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else options.other.push(arg);
  }
  if (options.help) return options;
  if (options.cluster !== undefined && options.tls) throw new StartUsageError('--tls and --cluster do not go together: the cluster nodes listen on plain AMQP (5681…) only');
  if (options.cluster !== undefined && env.RABBITMQ_URL) {
    throw new StartUsageError(`--cluster starts its own nodes, but RABBITMQ_URL is set (${redact(env.RABBITMQ_URL)}): unset it, or drop --cluster to use that broker`);
  }
  return options;
}

const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/g, '//$1:***@');

/** The HTTP port of instance `k` (1-based) of an app whose first instance listens on `basePort`. */
export function instancePort(basePort, k) {
  return basePort + portStep * (k - 1);
}

/** Every process to run: one row per app and instance, first instances first (in port order), then the second ones, … */
export function planInstances(apps, instances) {
  const rows = [];
  for (let k = 1; k <= instances; k++) {
    for (const app of apps) rows.push({ app: app.name, instance: k, port: instancePort(app.port, k), label: k === 1 ? app.name : `${app.name}#${k}` });
  }
  const ports = new Map();
  for (const row of rows) {
    const clash = ports.get(row.port);
    if (clash) throw new StartUsageError(`${row.label} would listen on ${row.port}, which ${clash} already uses: apps' serve ports must be more than ${portStep * (instances - 1)} apart for --instances ${instances}`);
    ports.set(row.port, row.label);
  }
  return rows;
}

/**
 * The production start of `app` as its serve target spells it (`node <flags> tools/infra/worker.mjs <app>`), with
 * this node for `node`: what Nx would run, minus Nx, which cannot run one target twice.
 */
export function serveCommand(app, root = workspaceRoot) {
  const project = JSON.parse(readFileSync(path.join(root, 'apps', app, 'project.json'), 'utf8'));
  const command = project.targets?.serve?.options?.command;
  if (typeof command !== 'string') throw new Error(`${app} has no serve command in apps/${app}/project.json`);
  const [program, ...args] = command.split(/\s+/).filter(Boolean);
  if (program !== 'node') throw new Error(`${app}'s serve command does not start with node: ${command}`);
  return { command: process.execPath, args };
}
