import { MissingRouteError } from './http-request';

export interface PollUntilOptions {
  timeoutMs: number;
  /** Default 100 ms. */
  intervalMs?: number;
  /** Named in the error, e.g. "order 123 terminal". */
  what: string;
}

/**
 * Calls `probe` until it returns a value other than undefined and resolves with it; after the deadline rejects
 * with the last thing `describe` said about the probe (or its last error), so a failure says what it saw.
 * A MissingRouteError ends the wait at once: no amount of waiting builds an API.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  options: PollUntilOptions,
  describe: () => string = () => 'no detail',
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = '';
    } catch (error) {
      if (error instanceof MissingRouteError) throw error;
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(`${options.what}: not reached within ${options.timeoutMs} ms; last: ${lastError || describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
