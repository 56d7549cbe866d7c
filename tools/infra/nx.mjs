// Runs the workspace's own Nx with settings that suit scripts: no daemon, no TUI, streamed output.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from './apps.mjs';

export function spawnNx(args, env = {}, { stdio = 'inherit' } = {}) {
  const bin = path.join(workspaceRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  return spawn(process.execPath, [bin, ...args], {
    cwd: workspaceRoot,
    stdio,
    detached: true,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', ...env },
  });
}

export function exitCodeOf(child) {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}
