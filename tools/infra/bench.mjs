#!/usr/bin/env node
// `npm run bench`: ensure a broker, then run the system benchmark (tools/bench/system/bench.cli.ts) with tsx.
// Every argument after `--` goes to the benchmark: `npm run bench -- --mode rate --rate 30 --json`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureRabbitMq } from './ensure-rabbitmq.mjs';
import { workspaceRoot } from './apps.mjs';

// ensureRabbitMq reports on stdout; stdout is the benchmark's (--json), so its lines go to stderr.
const log = console.log;
console.log = console.error;
// `--cluster N`: the local cluster of tools/infra/cluster.mjs instead of the single broker; the bench gets every node.
const clusterAt = process.argv.indexOf('--cluster');
const clusterSize = clusterAt === -1 ? undefined : Number(process.argv[clusterAt + 1]);
const broker = await (async () => {
  if (clusterSize === undefined) return { url: await ensureRabbitMq() };
  if (!Number.isInteger(clusterSize) || clusterSize < 1 || clusterSize > 9) throw new Error(`--cluster needs a whole number from 1 to 9, got ${process.argv[clusterAt + 1] ?? 'nothing'}`);
  const { ensureCluster } = await import('./cluster.mjs');
  const cluster = await ensureCluster(clusterSize);
  return { url: cluster.rabbitmqUrl, managementUrl: cluster.managementUrls[0] };
})().catch((error) => {
  console.error(`[bench] ${error.message}`);
  process.exit(clusterSize !== undefined && /whole number/.test(error.message) ? 2 : 1);
});
const url = broker.url;
console.log = log;
const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [path.join('tools', 'bench', 'system', 'bench.cli.ts'), ...process.argv.slice(2)], {
  cwd: workspaceRoot,
  stdio: 'inherit',
  // tsx resolves the @troupe/* paths from the base config.
  env: { ...process.env, RABBITMQ_URL: url, ...(broker.managementUrl ? { RABBITMQ_MANAGEMENT_URL: broker.managementUrl } : {}), TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
