import { Worker } from 'node:worker_threads';

/** Extra time the in-loop shutdown timer gets before the watchdog concludes the event loop itself is stuck. */
export const watchdogGraceMs = 1_000;
const maxStepBytes = 256;

// Plain CommonJS evaluated in a thread: it must run while the main thread spins, so it shares nothing but memory.
const watchdogSource = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { shared, delayMs, timeoutMs, service, pid } = workerData;
setTimeout(() => {
  const length = Atomics.load(new Int32Array(shared, 0, 1), 0);
  const step = Buffer.from(new Uint8Array(shared, 4, length)).toString('utf8') || 'unknown step';
  const line = { level: 'fatal', time: new Date().toISOString(), service, pid, step, timeoutMs,
    msg: 'shutdown timed out after ' + timeoutMs + ' ms waiting for ' + step + '; the event loop is unresponsive, killing the process' };
  fs.writeSync(1, JSON.stringify(line) + '\\n');
  process.kill(pid, 'SIGKILL');
}, delayMs);
`;

export interface ShutdownWatchdog {
  /** Records the step in progress where the watchdog thread can read it. */
  setStep(step: string): void;
}

/**
 * The in-loop shutdown timer cannot fire while a handler spins (a sync loop, or a promise chain that never yields).
 * This thread can: it logs the step that hung and SIGKILLs the process. It never keeps a healthy process alive.
 */
export function startShutdownWatchdog(options: { service: string; timeoutMs: number }): ShutdownWatchdog {
  const shared = new SharedArrayBuffer(4 + maxStepBytes);
  const worker = new Worker(watchdogSource, {
    eval: true,
    workerData: { shared, delayMs: options.timeoutMs + watchdogGraceMs, timeoutMs: options.timeoutMs, service: options.service, pid: process.pid },
  });
  worker.unref();
  worker.on('error', () => undefined);
  return {
    setStep(step) {
      const bytes = Buffer.from(step, 'utf8').subarray(0, maxStepBytes);
      new Uint8Array(shared, 4, bytes.length).set(bytes);
      Atomics.store(new Int32Array(shared, 0, 1), 0, bytes.length);
    },
  };
}
