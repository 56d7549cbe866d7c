/**
 * The logging surface messaging needs: a subset of pino's API, so a pino logger can be passed as is.
 * Library code never creates its own logger; the default is silent.
 */
export interface MessagingLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const ignore = (): void => undefined;

export const silentLogger: MessagingLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
