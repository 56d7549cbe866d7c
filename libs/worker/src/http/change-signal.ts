/**
 * In-process wake-ups keyed by id (an order, an aggregate): what a request waiting for a change to be committed
 * (`?minVersion=`, `?wait=terminal`) sleeps on instead of polling the store. One per started worker (its
 * `context.state`), shared by the handlers that commit changes and the routes that wait for them. A change committed
 * by another instance announces nothing here; `waitUntil`'s periodic re-read covers it.
 */
export class ChangeSignal {
  private readonly waiters = new Map<string, Set<() => void>>();

  changed(key: string): void {
    const waiting = this.waiters.get(key);
    if (!waiting) return;
    this.waiters.delete(key);
    for (const wake of waiting) wake();
  }

  /**
   * Subscribes to the next change of `key`: `changed` resolves on it or after `timeoutMs`, whichever comes first.
   * `cancel()` drops the subscription (and its timer) when the caller stops waiting early.
   */
  subscribe(key: string, timeoutMs: number): { changed: Promise<void>; cancel(): void } {
    const waiting = this.waiters.get(key) ?? new Set<() => void>();
    this.waiters.set(key, waiting);
    let resolveChanged!: () => void;
    const changed = new Promise<void>((resolve) => (resolveChanged = resolve));
    const wake = (): void => {
      clearTimeout(timer);
      waiting.delete(wake);
      if (waiting.size === 0 && this.waiters.get(key) === waiting) this.waiters.delete(key);
      resolveChanged();
    };
    const timer = setTimeout(wake, timeoutMs);
    waiting.add(wake);
    return { changed, cancel: wake };
  }

  /** Keys with someone waiting (tests and leak checks). */
  waitingOrders(): number {
    return this.waiters.size;
  }
}

export interface WaitOutcome<T> {
  value: T | undefined;
  /** `done(value)` held before the bound ran out. */
  reached: boolean;
}

/**
 * Reads until `done(value)` or `timeoutMs` passes. Woken early by `signal`; re-reads at least every `rereadEveryMs`
 * for changes no signal announces (another instance committed it, or a wake-up read just before the commit).
 */
export async function waitUntil<T>(
  read: () => Promise<T | undefined>,
  done: (value: T) => boolean,
  signal: ChangeSignal,
  key: string,
  timeoutMs: number,
  rereadEveryMs: number,
): Promise<WaitOutcome<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Subscribe before reading, so a change committed between the read and the wait still wakes us.
    const subscription = signal.subscribe(key, Math.max(0, Math.min(rereadEveryMs, deadline - Date.now())));
    const value = await read().catch((error: unknown) => {
      subscription.cancel();
      throw error;
    });
    const reached = value !== undefined && done(value);
    if (reached || Date.now() >= deadline) {
      subscription.cancel();
      return { value, reached };
    }
    await subscription.changed;
  }
}

/** The upper bound a client may ask for with `waitMs`: long enough for a saga, short of tying up a socket. */
export const maxClientWaitMs = 10_000;

/** Querystring properties for `?wait=terminal&waitMs=N` (merge into a route's querystring schema). */
export const outcomeWaitQueryProperties = {
  wait: { type: 'string', enum: ['terminal'] },
  waitMs: { type: 'integer', minimum: 0, maximum: maxClientWaitMs },
} as const;
