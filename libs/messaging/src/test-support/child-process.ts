import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../../..');

export interface RunningChild {
  process: ChildProcess;
  /** Resolves with the signal (or exit code) once the process has ended; rejects after `timeoutMs`. */
  exited(timeoutMs: number): Promise<NodeJS.Signals | number | null>;
}

/** Starts a TypeScript file under tsx and waits (bounded) for it to print `ready`. */
export async function startChild(file: string, argument: unknown, timeoutMs = 15_000): Promise<RunningChild> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', file, JSON.stringify(argument)], {
    cwd: workspaceRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ended = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child not ready within ${timeoutMs} ms: ${output}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void ended.then(() => {
      clearTimeout(timer);
      reject(new Error(`child exited before ready: ${output}`));
    });
  });
  return {
    process: child,
    exited: (waitMs) =>
      Promise.race([ended, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`child still running after ${waitMs} ms`)), waitMs).unref())]),
  };
}
