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
const url = await ensureRabbitMq().catch((error) => {
  console.error(`[bench] ${error.message}`);
  process.exit(1);
});
console.log = log;
const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [path.join('tools', 'bench', 'system', 'bench.cli.ts'), ...process.argv.slice(2)], {
  cwd: workspaceRoot,
  stdio: 'inherit',
  // tsx resolves the @troupe/* paths from the base config.
  env: { ...process.env, RABBITMQ_URL: url, TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
