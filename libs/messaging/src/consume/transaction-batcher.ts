import { AsyncResource } from 'node:async_hooks';
import type { Store, StoreSession } from '@troupe/persistence';
import { messagingDefaults } from '../messaging-defaults';

interface Pending {
  work: (session: StoreSession) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface TransactionBatcherOptions {
  /** Upper bound of units per transaction. Default 32. */
  maxBatch?: number;
  /**
   * Transactions in flight at once. The store runs their bodies one at a time, so a second one overlaps only what the
   * first one awaits after its body: MongoDB's commit round trip, or a SQLite store's WAL flush on the thread pool
   * (`walFlush: 'thread-pool'`; by default SQLite syncs inside COMMIT and there is nothing to overlap). With 1 every
   * delivery would also wait out the commit of the batch before it. Default 2.
   */
  maxConcurrent?: number;
}

/** Thrown inside a transaction that found nothing to do, to end it without a commit. */
const nothingToDo = Symbol('nothing to do');

/**
 * Group commit: units of work that queue up while a transaction is running run together in the next one, so
 * a durable store pays one commit (and shares one flush) per batch instead of one per delivery. A batch begins in the
 * check phase of the loop turn that queued its first unit (`setImmediate`), so every unit the turn's other I/O
 * callbacks queue joins it: the requests read from forty sockets in one turn, or deliveries from several socket reads,
 * share a commit instead of paying one each in a row. No timer: a lone unit waits only for the callbacks already due. Units run one after another in the
 * shared transaction, exactly as if serialised. When one throws, the batch rolls back, that unit fails with its
 * error (as it would have run serialised after the units before it) and the others go back to the head of the
 * queue to be re-run, so a failure only ever affects its own delivery. Units must keep their effects inside
 * the session: the store may run a transaction's function more than once (MongoDB re-runs it on a transient
 * error), and a batch re-runs its units, claimed once, with only the last attempt's results kept.
 */
export class TransactionBatcher {
  private readonly queue: Pending[] = [];
  private readonly maxBatch: number;
  private readonly maxConcurrent: number;
  private running = 0;
  /** Transactions started but still waiting for the store: they will take what is queued, no need for another. */
  private unclaimed = 0;
  private startScheduled = false;
  /**
   * The async context the batcher was made in, outside every transaction. Batches start from it: a batch may be
   * started while another one's `fn` runs (claiming leaves units queued), and a transaction begun from inside
   * another's async context counts as nested, which the store refuses. Also keeps one delivery's context (its
   * trace) from leaking into a batch of others.
   */
  private readonly outside = new AsyncResource('troupe.TransactionBatcher');

  constructor(
    private readonly store: Store,
    options: TransactionBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? messagingDefaults.maxBatch;
    this.maxConcurrent = options.maxConcurrent ?? 2;
  }

  run<R>(work: (session: StoreSession) => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /**
   * Starting a batch straight from `run` (a microtask after its caller) would begin it after the first of the turn's
   * callbacks: with a store that syncs inside COMMIT, the loop then stands still for that sync before it reads the
   * next socket, so under a burst of HTTP commands every request paid a sync of its own (365 of 405 batches held one
   * unit in a saturated bench run, against batches of 3–32 once deferred).
   */
  private pump(): void {
    if (this.startScheduled) return;
    this.startScheduled = true;
    setImmediate(() => {
      this.startScheduled = false;
      this.outside.runInAsyncScope(() => this.startBatches());
    });
  }

  private startBatches(): void {
    while (this.queue.length > 0 && this.unclaimed === 0 && this.running < this.maxConcurrent) {
      this.running += 1;
      this.unclaimed += 1;
      void this.runBatch().finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private claim(): Pending[] {
    this.unclaimed -= 1;
    const batch = this.queue.splice(0, this.maxBatch);
    this.pump();
    return batch;
  }

  private async runBatch(): Promise<void> {
    let batch: Pending[] | undefined;
    let failed: { index: number; error: unknown } | undefined;
    let results: unknown[];
    try {
      results = await this.store.transaction(async (session) => {
        // Claimed by the first attempt only: a store may run this function again after rolling it back
        // (MongoDB on a transient error), and the re-run must redo the same units, not take new ones.
        batch ??= this.claim();
        if (batch.length === 0) throw nothingToDo;
        failed = undefined;
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
    } catch (error) {
      if (error === nothingToDo) return;
      if (failed) {
        batch![failed.index]!.reject(failed.error);
        this.queue.unshift(...batch!.filter((_, index) => index !== failed!.index));
        this.pump();
        return;
      }
      // The store failed to begin or to commit: nobody in particular is to blame, so each unit gets its own attempt.
      const blameless = batch ?? this.claim();
      if (batch?.length === 1) return batch[0]!.reject(error);
      for (const unit of blameless) await this.runAlone(unit);
      return;
    }
    batch!.forEach((unit, index) => unit.resolve(results[index]));
  }

  private async runAlone(unit: Pending): Promise<void> {
    try {
      unit.resolve(await this.store.transaction(unit.work));
    } catch (error) {
      unit.reject(error);
    }
  }
}
