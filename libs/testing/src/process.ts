import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface AppProcessOptions {
  /**
   * Entry file relative to the workspace root: TypeScript (`apps/order-service/src/main.ts`) runs through tsx,
   * JavaScript (a build, `dist/apps/order-service/main.js`, or `tools/infra/worker.mjs`) on plain node.
   */
  entry: string;
  /** Command-line arguments after the entry, e.g. the app name for `tools/infra/worker.mjs`. */
  args?: string[];
  /** Options for node itself, before the entry, e.g. `--cpu-prof` (which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /** Added to the inherited environment. PORT defaults to 0 (a free port) and HOST to 127.0.0.1. */
  env?: Record<string, string>;
  /** How long to wait for the "listening on" log line. Default 20000 ms. */
  startTimeoutMs?: number;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  readonly pid: number;
  /** Base URL parsed from the worker's "listening on" log line. */
  readonly url: string;
  readonly exited: Promise<ProcessExit>;
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines so far (non-JSON lines skipped). */
  logLines(): Array<Record<string, unknown>>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if still alive after `graceMs` (default 15000). */
  stop(graceMs?: number): Promise<ProcessExit>;
}

const running = new Set<ChildProcess>();
// A failed assertion must not leave workers behind holding ports and queues.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('workspace root (nx.json) not found');
    dir = parent;
  }
  return dir;
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<ProcessExit>;
  out: { stdout: string; stderr: string };
}

function spawnApp(options: AppProcessOptions): Spawned {
  const root = workspaceRoot();
  // One node process (no tsx CLI wrapper), so signals reach the worker itself.
  const loader = options.entry.endsWith('.ts') ? ['--require', 'tsx/cjs'] : ['--enable-source-maps'];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, path.join(root, options.entry), ...(options.args ?? [])], {
    cwd: root,
    // RABBITMQ_URL always explicit: a worker without one reads its provisioned credentials (data/secrets/), which
    // belong to the locked-down `troupe` vhost, not to a test's namespace on the local broker.
    // LOG_FORMAT json: the kit reads the logs as JSON lines (the URL, the tails of failing tests), whatever the shell set.
    env: { ...process.env, RABBITMQ_URL: process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672', PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, exited, out };
}

function parseLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').flatMap((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

/** Starts an app and resolves once it logs the URL it listens on; kills it and rejects if it exits or times out first. */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const { child, exited, out } = spawnApp(options);
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const line = parseLines(out.stdout).find((entry) => typeof entry.url === 'string' && /listening on/.test(String(entry.msg)));
      if (line) finish(() => resolve(String(line.url)));
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`${options.entry} did not start within ${timeoutMs} ms\n${out.stdout}${out.stderr}`))), timeoutMs);
    const onExit = (exit: ProcessExit) =>
      finish(() => reject(new Error(`${options.entry} exited (${exit.code ?? exit.signal}) before listening\n${out.stdout}${out.stderr}`)));
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      settle();
    };
    child.stdout!.on('data', check);
    void exited.then(onExit);
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    pid: child.pid!,
    url,
    exited,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    logLines: () => parseLines(out.stdout),
    signal: (signal) => child.kill(signal),
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

/** Runs an app expected to exit on its own (bad config, failed start); SIGKILLs it after `timeoutMs` (default 20000). */
export async function runAppProcessToExit(options: AppProcessOptions & { timeoutMs?: number }): Promise<ProcessExit & { stdout: string; stderr: string }> {
  const { child, exited, out } = spawnApp(options);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const exit = await exited;
  clearTimeout(timer);
  return { ...exit, stdout: out.stdout, stderr: out.stderr };
}
