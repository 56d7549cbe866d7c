import { assertCollectionName } from '../names';
import type { Collection, StoreSession, StoredDocument } from '../store';
import { SqliteCollection } from './sqlite-collection';
import type { SqliteEngine } from './sqlite-engine';

/** The collections a transaction callback sees: they run directly on the connection that holds the open transaction. */
export class SqliteSession implements StoreSession {
  private open = true;

  constructor(private readonly engine: SqliteEngine) {}

  collection<T extends StoredDocument>(name: string): Collection<T> {
    assertCollectionName(name);
    return new SqliteCollection<T>(this.engine, name, (operation, work) => {
      if (!this.open) {
        return Promise.reject(new Error(`session.${operation} was called after its transaction ended (was an operation left un-awaited?)`));
      }
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    });
  }

  end(): void {
    this.open = false;
  }
}
