import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '../config/worker-config';

export type { Logger };

/**
 * JSON lines on stdout, each tagged with `service` so the lines of eight workers can share one stream.
 * Synchronous writes: a worker that exits right after logging (bad config, hung shutdown) must not lose the line.
 */
export function createLogger(service: string, level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
