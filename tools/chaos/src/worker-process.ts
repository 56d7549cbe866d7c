import { spawn, type ChildProcess } from 'node:child_process';
import { workspaceRoot } from '@troupe/testing';
import type { LaunchPlan } from './launch';
import { killTree } from './process-tree';
import type { ChaosApp } from './targets';

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One worker process (a SIGKILL reaches any wrapper's children too) and the tail of its output. */
export interface WorkerProcess {
  readonly pid: number;
  readonly exited: Promise<WorkerExit>;
  readonly exit: WorkerExit | undefined;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<WorkerExit>;
  tail(lines: number): string;
}

const tailLimit = 400;
const live = new Set<ChildProcess>();
// Whatever ends this process (an uncaught error, Ctrl-C twice), no worker outlives it.
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

/** SIGKILL reaches the whole tree; a catchable signal goes to the process we started, which forwards it. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (signal === 'SIGKILL') killTree(child.pid!, signal);
  else child.kill(signal);
}

export function startWorkerProcess(plan: LaunchPlan, app: ChaosApp, env: Record<string, string>): WorkerProcess {
  const { command, args } = plan.commandFor(app);
  const inherited = { ...process.env };
  // The chaos system owns its store (SQLite under its data dir): never a MongoDB some other deployment uses.
  delete inherited.MONGO_URL;
  const child = spawn(command, args, { cwd: workspaceRoot(), env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child);
  const lines: string[] = [];
  const keep = (chunk: string) => {
    lines.push(...chunk.split('\n').filter((line) => line.length > 0));
    if (lines.length > tailLimit) lines.splice(0, lines.length - tailLimit);
  };
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  let exit: WorkerExit | undefined;
  const exited = new Promise<WorkerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      exit = { code, signal };
      resolve(exit);
    });
  });
  return {
    pid: child.pid!,
    exited,
    get exit() {
      return exit;
    },
    signal: (signal) => {
      if (!exit) killGroup(child, signal);
    },
    async stop(graceMs) {
      if (!exit) killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    tail: (count) => lines.slice(-count).join('\n'),
  };
}
