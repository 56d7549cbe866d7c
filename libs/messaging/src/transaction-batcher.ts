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
 * serialised. When one throws, the batch rolls back, that unit fails with its error (as it would have run
 * serialised after the units before it) and the others go back to the head of the queue to be re-run, so a
 * failure only ever affects its own delivery. Units must keep their effects inside the session.
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
        if (batch.length === 1) await this.runAlone(batch[0]!);
        else await this.runTogether(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async runTogether(batch: Pending[]): Promise<void> {
    let failed: { index: number; error: unknown } | undefined;
    let results: unknown[];
    try {
      results = await this.store.transaction(async (session) => {
        const collected: unknown[] = [];
        for (const [index, unit] of batch.entries()) {
          try {
            collected.push(await unit.work(session));
          } catch (error) {
            failed = { index, error };
            throw error;
          }
        }
        return collected;
      });
    } catch {
      if (!failed) {
        // The commit itself failed: nobody in particular is to blame, so each unit gets its own attempt.
        for (const unit of batch) await this.runAlone(unit);
        return;
      }
      batch[failed.index]!.reject(failed.error);
      this.queue.unshift(...batch.filter((_, index) => index !== failed!.index));
      return;
    }
    batch.forEach((unit, index) => unit.resolve(results[index]));
  }

  private async runAlone(unit: Pending): Promise<void> {
    try {
      unit.resolve(await this.store.transaction(unit.work));
    } catch (error) {
      unit.reject(error);
    }
  }
}
