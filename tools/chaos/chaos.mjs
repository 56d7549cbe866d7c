#!/usr/bin/env node
// `npm run chaos`: ensure a broker, then run the chaos suite (tools/chaos/src/chaos.cli.ts) with tsx.
// Every argument after `--` goes to the suite: `npm run chaos -- --seed 42 --orders 100 --duration 60`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureRabbitMq } from '../infra/ensure-rabbitmq.mjs';
import { workspaceRoot } from '../infra/apps.mjs';

// ensureRabbitMq reports on stdout; stdout is the suite's table, so its lines go to stderr.
const log = console.log;
console.log = console.error;
// The node-loss scenario brings up its own local cluster (tools/infra/cluster.mjs) and never uses the single broker.
const onCluster = process.argv.includes('node-loss');
const url = onCluster
  ? process.env.RABBITMQ_URL
  : await ensureRabbitMq().catch((error) => {
      console.error(`[chaos] ${error.message}`);
      process.exit(1);
    });
console.log = log;
const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join('tools', 'chaos', 'src', 'chaos.cli.ts'), ...process.argv.slice(2)], {
  cwd: workspaceRoot,
  stdio: 'inherit',
  // Its own process group: a Ctrl-C reaches it once, forwarded below, not also straight from the terminal.
  detached: true,
  // tsx resolves the @troupe/* paths from the base config.
  env: { ...process.env, ...(url ? { RABBITMQ_URL: url } : {}), TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
});
// The suite winds down on the first signal (stops its workers, restarts the broker app if it stopped it); a second exits at once.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
