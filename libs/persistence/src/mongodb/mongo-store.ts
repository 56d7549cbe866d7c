import { MongoClient, type ClientSession, type Db } from 'mongodb';
import { StoreUnavailableError } from '../errors';
import { assertCollectionName, assertFieldName } from '../names';
import type { Collection, IndexSpec, Store, StoreSession, StoredDocument, TransactionOptions } from '../store';
import { TransactionScope } from '../transaction-scope';
import { MongoCollection } from './mongo-collection';
import { redactUrl, translateUnavailable } from './mongo-errors';

export interface MongoStoreConfig {
  /** Connection string of a replica set (or mongos), e.g. `mongodb://db1,db2,db3/?replicaSet=rs0`. */
  url: string;
  /** The service's own database (database per service). */
  database: string;
  /** How long to look for a usable server before an operation fails with StoreUnavailableError. Default 10000 ms. */
  serverSelectionTimeoutMs?: number;
  /** Reported to the server, visible in its logs and `currentOp`. Default `'troupe'`. */
  appName?: string;
}

const DATABASE_NAME = /^[A-Za-z0-9_-]{1,63}$/;

/** The view of the store inside `transaction(fn)`: every call carries the transaction's session. */
class MongoSessionView implements StoreSession {
  open = true;

  constructor(
    private readonly db: Db,
    private readonly session: ClientSession,
  ) {}

  collection<T extends StoredDocument>(name: string): Collection<T> {
    assertCollectionName(name);
    return new MongoCollection<T>(this.db, name, this.session, (operation, work) =>
      this.open ? work() : Promise.reject(new Error(`session.${operation} was called after its transaction ended (was an operation left un-awaited?)`)),
    );
  }
}

class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly scope = new TransactionScope();
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly where: string,
  ) {}

  collection<T extends StoredDocument>(name: string): Collection<T> {
    assertCollectionName(name);
    return new MongoCollection<T>(this.db, name, undefined, (operation, work) => this.guarded(operation, work));
  }

  ensureIndex(collection: string, index: IndexSpec): Promise<void> {
    return this.guarded('ensureIndex', async () => {
      assertCollectionName(collection);
      if (!Array.isArray(index.fields) || index.fields.length === 0) throw new TypeError(`Index on "${collection}" needs at least one field`);
      index.fields.forEach((field) => assertFieldName(field));
      await this.db.collection(collection).createIndex(Object.fromEntries(index.fields.map((field) => [field, 1])), { unique: index.unique === true });
    });
  }

  /**
   * Runs `fn` in a MongoDB transaction. `withTransaction` re-runs `fn` on transient errors (write
   * conflicts, elections), so `fn` must touch nothing but the session and must not run session
   * operations in parallel (a driver rule).
   */
  // Durability options are SQLite's concern: MongoDB commits with the connection's write concern either way.
  transaction<R>(fn: (session: StoreSession) => Promise<R>, _options?: TransactionOptions): Promise<R> {
    return this.guarded('transaction', async () => {
      const session = this.client.startSession();
      const view = new MongoSessionView(this.db, session);
      try {
        return await session.withTransaction(() => this.scope.run(() => fn(view)), {
          readConcern: { level: 'snapshot' },
          writeConcern: { w: 'majority' },
          readPreference: 'primary',
        });
      } finally {
        view.open = false;
        await session.endSession();
      }
    });
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.db.command({ ping: 1 });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.scope.assertOutside('close');
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  private async guarded<R>(operation: string, work: () => Promise<R>): Promise<R> {
    this.scope.assertOutside(operation);
    if (this.closed) throw new StoreUnavailableError(`MongoDB store ${this.where} is closed`);
    try {
      return await work();
    } catch (error) {
      throw translateUnavailable(error, this.where);
    }
  }
}

/** Transactions need a replica set (or a sharded cluster behind mongos); a standalone server cannot run them. */
async function assertTransactionsSupported(client: MongoClient, where: string): Promise<void> {
  const hello = await client.db('admin').command({ hello: 1 });
  if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') {
    throw new StoreUnavailableError(
      `MongoDB ${where} is a standalone server: Troupe needs multi-document transactions, which only replica sets ` +
        '(a single-node replica set is enough: mongod --replSet rs0, then rs.initiate()) and sharded clusters provide',
    );
  }
}

/** Connects, checks that the server can run transactions, and returns the store. Fails with StoreUnavailableError otherwise. */
export async function createMongoStore(config: MongoStoreConfig): Promise<Store> {
  if (!DATABASE_NAME.test(config.database)) {
    throw new TypeError(`Invalid MongoDB database name ${JSON.stringify(config.database)}: use 1 to 63 letters, digits, "_" or "-"`);
  }
  const where = `${redactUrl(config.url)} (database "${config.database}")`;
  const client = new MongoClient(config.url, {
    serverSelectionTimeoutMS: config.serverSelectionTimeoutMs ?? 10_000,
    appName: config.appName ?? 'troupe',
  });
  try {
    await client.connect();
    await assertTransactionsSupported(client, where);
  } catch (error) {
    await client.close().catch(() => undefined);
    const translated = translateUnavailable(error, where);
    if (translated instanceof StoreUnavailableError) throw translated;
    throw new StoreUnavailableError(`Cannot use MongoDB ${where}: ${(error as Error).message}`, { cause: error });
  }
  return new MongoStore(client, client.db(config.database), where);
}
