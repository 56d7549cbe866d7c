/**
 * One per started worker (its `context.state`, made by `prepare`), shared by its handlers and its routes.
 * Wakes requests waiting for an order's view to change (GET /orders/:id?minVersion=N). In-process only: a
 * change committed by another instance is seen by the waiters' periodic re-read instead.
 */
export class ViewChanges {
  private readonly waiters = new Map<string, Set<() => void>>();

  changed(orderId: string): void {
    const waiting = this.waiters.get(orderId);
    if (!waiting) return;
    this.waiters.delete(orderId);
    for (const wake of waiting) wake();
  }

  /**
   * Subscribes to the next change of `orderId`: `changed` resolves on it or after `timeoutMs`, whichever comes
   * first. `cancel()` drops the subscription (and its timer) when the caller stops waiting early.
   */
  subscribe(orderId: string, timeoutMs: number): { changed: Promise<void>; cancel(): void } {
    const waiting = this.waiters.get(orderId) ?? new Set<() => void>();
    this.waiters.set(orderId, waiting);
    let resolveChanged!: () => void;
    const changed = new Promise<void>((resolve) => (resolveChanged = resolve));
    const wake = (): void => {
      clearTimeout(timer);
      waiting.delete(wake);
      if (waiting.size === 0 && this.waiters.get(orderId) === waiting) this.waiters.delete(orderId);
      resolveChanged();
    };
    const timer = setTimeout(wake, timeoutMs);
    waiting.add(wake);
    return { changed, cancel: wake };
  }

  /** Orders with someone waiting (tests and leak checks). */
  waitingOrders(): number {
    return this.waiters.size;
  }
}
