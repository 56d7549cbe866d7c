import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from './process';

/**
 * Node flags every worker runs with in production (the serve targets, a supervisor's command, chaos, the bench).
 * A smaller young generation (4 MiB semi-spaces instead of V8's 16): a worker's garbage is short-lived per message,
 * and the default let every worker grow to 115–135 MiB resident under load for no throughput. Garbage collection on
 * the main thread only: seven workers' GC helper threads on two cores mostly wait for a core, and the latency they
 * added was measurable. Both measured in docs/architecture.md ("Throughput", item 7).
 */
export const workerNodeFlags: readonly string[] = ['--max-semi-space-size=4', '--single-threaded-gc'];

/** Where `npm run build` puts an app, relative to the workspace root; `startAppProcess` runs it on plain node. */
export function builtEntry(app: string): string {
  return path.join('dist', 'apps', app, 'main.js');
}

/**
 * Builds the named apps as `npm run build` does (dist/apps/<app>/main.js), so a test runs what production runs.
 * Each output file is replaced by a rename, so a test building while another starts a worker is safe.
 */
export function buildApps(...apps: string[]): void {
  const root = workspaceRoot();
  const result = spawnSync(process.execPath, [path.join(root, 'tools', 'infra', 'build.mjs'), ...apps], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building ${apps.join(', ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
}
