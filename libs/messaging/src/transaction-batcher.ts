import type { Store, StoreSession } from '@troupe/persistence';

interface Pending {
  work: (session: StoreSession) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: units of work that queue up while a transaction is committing run together in the next
 * one, so a durable store pays one fsync per batch instead of one per delivery. Nothing waits to fill a
 * batch (a lone unit runs at once). Units run one after another in the shared transaction, exactly as if
 * serialised. When one throws, the whole batch rolls back and every unit is re-run in a transaction of its
 * own, so a failure only ever affects its own delivery (units must keep their effects inside the session).
 */
export class TransactionBatcher {
  private readonly queue: Pending[] = [];
  private draining = false;

  constructor(
    private readonly store: Store,
    /** Upper bound of units per transaction. Default 32. */
    private readonly maxBatch = 32,
  ) {}

  run<R>(work: (session: StoreSession) => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        if (batch.length === 1 || !(await this.runTogether(batch))) {
          for (const unit of batch) await this.runAlone(unit);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async runTogether(batch: Pending[]): Promise<boolean> {
    let results: unknown[];
    try {
      results = await this.store.transaction(async (session) => {
        const collected: unknown[] = [];
        for (const unit of batch) collected.push(await unit.work(session));
        return collected;
      });
    } catch {
      return false;
    }
    batch.forEach((unit, index) => unit.resolve(results[index]));
    return true;
  }

  private async runAlone(unit: Pending): Promise<void> {
    try {
      unit.resolve(await this.store.transaction(unit.work));
    } catch (error) {
      unit.reject(error);
    }
  }
}
