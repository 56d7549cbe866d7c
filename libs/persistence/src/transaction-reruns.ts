import type { Store } from './store';

export interface TransactionRerunOptions {
  /** Share of transactions, 0–1, whose function is run, rolled back and run again. */
  share: number;
  /** Source of randomness in [0, 1). Default `Math.random`; tests pass a seeded or scripted one. */
  random?: () => number;
  /** Called once per injected re-run (a metric counts them). */
  onRerun?: () => void;
}

/** Thrown inside the first attempt to abort it, as a transient commit error would; never escapes the decorator. */
class InjectedTransientError extends Error {
  override readonly name = 'InjectedTransientError';
  constructor() {
    super('injected transient transaction error: the transaction function runs again');
  }
}

/**
 * A store whose transactions sometimes behave as MongoDB's `withTransaction` does on a TransientTransactionError
 * (a write conflict, a failover): the function runs, its writes are rolled back, and it runs again in a new
 * transaction. Code that claims, collects, acks or publishes anything outside the session during the first
 * attempt then shows it — lost units, rows published for an attempt that never committed. For tests and for
 * running a whole system under `STORE_FAULTS=rerun:<share>`; the embedded store never re-runs on its own.
 */
export function withTransactionReruns(store: Store, options: TransactionRerunOptions): Store {
  if (!(options.share >= 0 && options.share <= 1)) throw new RangeError(`rerun share must be within 0–1, got ${options.share}`);
  const random = options.random ?? Math.random;
  return {
    get kind() {
      return store.kind;
    },
    collection: (name) => store.collection(name),
    ensureCollection: (collection) => store.ensureCollection(collection),
    ensureIndex: (collection, index) => store.ensureIndex(collection, index),
    ping: () => store.ping(),
    close: () => store.close(),
    async transaction(fn, transactionOptions) {
      if (random() >= options.share) return store.transaction(fn, transactionOptions);
      try {
        await store.transaction(async (session) => {
          await fn(session);
          throw new InjectedTransientError();
        }, transactionOptions);
      } catch (error) {
        // The function itself failed on its first run: MongoDB would not re-run that either.
        if (!(error instanceof InjectedTransientError)) throw error;
      }
      options.onRerun?.();
      return store.transaction(fn, transactionOptions);
    },
  };
}

/** Parses `STORE_FAULTS`: empty/`off` → none, `rerun:<share>` → re-runs on that share of transactions. */
export function parseStoreFaults(value: string | undefined): { rerunShare: number } | undefined {
  const text = (value ?? '').trim();
  if (text === '' || text === 'off') return undefined;
  const match = /^rerun:(0(?:\.\d+)?|1(?:\.0+)?)$/.exec(text);
  if (!match) throw new Error(`STORE_FAULTS must be 'off' or 'rerun:<share 0–1>' (e.g. rerun:0.3), got '${text}'`);
  return { rerunShare: Number(match[1]) };
}
