import type { ServiceManifest } from '@troupe/contracts';
import { ConfigError } from '../config/config-error';
import type { ConfigFields } from '../config/config-field';
import { startShutdownWatchdog } from './shutdown-watchdog';
import { startWorker, type RunningWorker } from './start-worker';
import type { WorkerDefinition } from './worker-definition';

/** Exit status for an invalid environment (sysexits EX_CONFIG), distinct from a crash (1). */
export const configErrorExitCode = 78;

/**
 * The process entry point of every app: reads the environment once, starts the worker, and turns
 * SIGTERM/SIGINT into a graceful stop bounded by SHUTDOWN_TIMEOUT_MS (exit 0 when clean, 1 otherwise).
 */
export async function runWorker<F extends ConfigFields, S, M extends ServiceManifest>(definition: WorkerDefinition<F, S, M>): Promise<void> {
  let worker: RunningWorker<F, S> | undefined;
  let signalDuringStart: NodeJS.Signals | undefined;
  // Installed before starting: a SIGTERM that arrives while the worker starts must still mean a graceful stop.
  const onSignal = (signal: NodeJS.Signals) => {
    if (worker) void shutdown(worker, signal);
    else signalDuringStart ??= signal;
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    worker = await startWorker(definition);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${definition.service}: ${error.message}\n`);
      process.exit(configErrorExitCode);
    }
    // Already logged as JSON by startWorker; one plain line too, for whoever reads stderr.
    process.stderr.write(`${definition.service}: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }

  const { logger } = worker.context;
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    logger.fatal({ err: error }, 'unhandled promise rejection');
    process.exit(1);
  });
  if (signalDuringStart) void shutdown(worker, signalDuringStart);
}

let stopping = false;

async function shutdown<F extends ConfigFields>(worker: RunningWorker<F>, reason: string): Promise<void> {
  const { logger, service } = worker.context;
  if (stopping) {
    logger.warn({ reason }, 'already shutting down');
    return;
  }
  stopping = true;
  const timeoutMs = worker.context.config.SHUTDOWN_TIMEOUT_MS;
  logger.info({ reason, timeoutMs }, 'shutting down');
  const deadline = setTimeout(() => {
    const step = worker.currentStopStep() ?? 'unknown step';
    logger.error({ step, timeoutMs }, `shutdown timed out after ${timeoutMs} ms waiting for ${step}`);
    process.exit(1);
  }, timeoutMs);
  const watchdog = startShutdownWatchdog({ service, timeoutMs });
  const failed = await worker.stop((step) => watchdog.setStep(step));
  clearTimeout(deadline);
  if (failed.length > 0) {
    logger.error({ failed }, `stopped with failures in ${failed.join(', ')}`);
    process.exit(1);
  }
  logger.info('stopped');
  process.exit(0);
}
