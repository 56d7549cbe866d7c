import { AsyncLocalStorage } from 'node:async_hooks';

interface OpenTransaction {
  open: boolean;
}

/**
 * Remembers which transaction callback the current async call chain runs in. Calling the store
 * itself (instead of the session) from inside `transaction(fn)` would deadlock the SQLite adapter
 * (the call waits for the very transaction that awaits it) and silently escape the transaction on
 * MongoDB, so both adapters refuse it with a clear error instead.
 */
export class TransactionScope {
  private readonly current = new AsyncLocalStorage<OpenTransaction>();

  async run<R>(fn: () => Promise<R>): Promise<R> {
    const transaction: OpenTransaction = { open: true };
    try {
      return await this.current.run(transaction, fn);
    } finally {
      transaction.open = false;
    }
  }

  assertOutside(operation: string): void {
    if (this.current.getStore()?.open) {
      throw new Error(
        `store.${operation} was called inside transaction(fn) of the same store: use the session passed to fn ` +
          '(session.collection(...)) for work that belongs to the transaction, and finish the transaction before starting another',
      );
    }
  }
}
