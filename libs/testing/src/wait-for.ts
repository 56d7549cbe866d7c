export interface WaitForOptions {
  /** Named in the error, e.g. "payment captured". */
  what: string;
  /** Default 20000 ms. */
  timeoutMs?: number;
  /** Default 50 ms. */
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns something other than undefined and resolves with it; rejects naming `what`
 * after the deadline. Tests wait for a state this way instead of sleeping for a guessed time.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, options: WaitForOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${options.what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
