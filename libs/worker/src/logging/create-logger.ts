import pino, { DestinationStream, Logger } from 'pino';
import type { LogFormat, LogLevel } from '../config/worker-config';

export type { Logger };

/**
 * What `LOG_FORMAT` means for a process whose stdout is (or is not) a terminal: `auto` is pretty for a person at a
 * terminal and JSON lines for anything that collects them (a supervisor, a file, a pipe).
 */
export function chooseLogFormat(setting: LogFormat, stdoutIsTty: boolean): 'pretty' | 'json' {
  if (setting === 'auto') return stdoutIsTty ? 'pretty' : 'json';
  return setting;
}

/**
 * Options for pino-pretty (they cross into pino's transport thread, so they are plain data). The service name leads
 * each line because eight workers share one terminal under `npm start`; pid and host add nothing there.
 */
export const prettyOptions = {
  colorize: true,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,service',
  messageFormat: '[{service}] {msg}',
  destination: 1,
  sync: true,
} as const;

/**
 * JSON lines on stdout, each tagged with `service` so the lines of eight workers can share one stream; or, with
 * `format` pretty, the same records made readable by pino-pretty in pino's transport thread.
 * Synchronous writes in both: a worker that exits right after logging (bad config, hung shutdown) must not lose the
 * line (pino flushes its transport on exit).
 * A `destination` (tests) always gets JSON: it is there to be parsed.
 */
export function createLogger(service: string, level: LogLevel, destination?: DestinationStream, format: 'pretty' | 'json' = 'json'): Logger {
  const options = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (destination) return pino(options, destination);
  if (format === 'pretty') {
    return pino(options, pino.transport({ target: 'pino-pretty', options: prettyOptions }));
  }
  return pino(options, pino.destination({ fd: 1, sync: true }));
}
