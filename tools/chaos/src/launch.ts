import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { workerNodeFlags, workspaceRoot } from '@troupe/testing';
import { chaosApps, type ChaosApp } from './targets';

export interface LaunchCommand {
  command: string;
  args: string[];
}

export interface LaunchPlan {
  commandFor(app: ChaosApp): LaunchCommand;
  /** Printed in the run's header, with why the build was not used when it was not. */
  describe: string;
}

/** Why the build of some app cannot run as is (tools/infra/build-layout.mjs decides), or undefined when all are current. */
function staleBuild(root: string): string | undefined {
  const script = `import { staleReason } from ${JSON.stringify(path.join(root, 'tools', 'infra', 'build-layout.mjs'))};
    const apps = ${JSON.stringify(chaosApps())};
    process.stdout.write(apps.map((app) => staleReason(app)).find(Boolean) ?? '');`;
  try {
    return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 }).trim() || undefined;
  } catch (error) {
    return `the build check failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/**
 * How worker processes are started: the one place to change it. `node tools/infra/worker.mjs <app>` (the production
 * start, built JavaScript: fast restarts) when the workspace has it and every app's build is current; otherwise each
 * app's TypeScript through tsx's require hook in one node process (no CLI wrapper, so a signal reaches the worker).
 */
export function launchPlan(fromSource = false): LaunchPlan {
  const root = workspaceRoot();
  const tsx: LaunchPlan = {
    commandFor: (app) => ({ command: process.execPath, args: ['--require', 'tsx/cjs', path.join(root, 'apps', app, 'src', 'main.ts')] }),
    describe: 'node --require tsx/cjs apps/<app>/src/main.ts',
  };
  const worker = path.join(root, 'tools', 'infra', 'worker.mjs');
  if (!existsSync(worker)) return tsx;
  if (fromSource) return { ...tsx, describe: `${tsx.describe} (--from-source)` };
  const stale = staleBuild(root);
  if (stale) return { ...tsx, describe: `${tsx.describe} (not the build: ${stale}; \`npm run build\` for fast restarts)` };
  return { commandFor: (app) => ({ command: process.execPath, args: [...workerNodeFlags, worker, app] }), describe: `node ${workerNodeFlags.join(' ')} tools/infra/worker.mjs <app> (the build in dist/)` };
}
