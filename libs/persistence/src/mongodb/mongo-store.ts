import type { ClientSession, Db, MongoClient } from 'mongodb';
import { mongoDriver } from './mongo-driver';
import { StoreUnavailableError } from '../errors';
import { assertCollectionName, assertFieldName } from '../names';
import type { Collection, IndexSpec, Store, StoreSession, StoredDocument, TransactionOptions } from '../store';
import { TransactionScope } from '../transaction-scope';
import { MongoCollection } from './mongo-collection';
import { indexName, isIndexOptionsConflict, isNamespaceExists, redactUrl, translateTransactionFailure, translateUnavailable } from './mongo-errors';

export interface MongoStoreConfig {
  /** Connection string of a replica set (or mongos), e.g. `mongodb://db1,db2,db3/?replicaSet=rs0`. */
  url: string;
  /** The service's own database (database per service). */
  database: string;
  /** How long to look for a usable server before an operation fails with StoreUnavailableError. Default 10000 ms. */
  serverSelectionTimeoutMs?: number;
  /** Reported to the server, visible in its logs and `currentOp`. Default `'troupe'`. */
  appName?: string;
  /**
   * How long one `transaction(fn)` may keep re-running `fn` after transient errors (write conflicts, elections)
   * before it gives up with StoreUnavailableError, so a hot document cannot hold a delivery for the driver's own
   * 120 s. Default 10000 ms.
   */
  transactionTimeoutMs?: number;
  /** `maxCommitTimeMS` of every commit: how long the server may take to get it majority-acknowledged. Default 5000 ms. */
  maxCommitTimeMs?: number;
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

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly scope = new TransactionScope();
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly where: string,
    private readonly limits: { transactionTimeoutMs: number; maxCommitTimeMs: number },
  ) {}

  collection<T extends StoredDocument>(name: string): Collection<T> {
    assertCollectionName(name);
    return new MongoCollection<T>(this.db, name, undefined, (operation, work) => this.guarded(operation, work));
  }

  ensureCollection(collection: string): Promise<void> {
    return this.guarded('ensureCollection', async () => {
      assertCollectionName(collection);
      await this.createCollectionOnce(collection);
    });
  }

  ensureIndex(collection: string, index: IndexSpec): Promise<void> {
    return this.guarded('ensureIndex', async () => {
      assertCollectionName(collection);
      if (!Array.isArray(index.fields) || index.fields.length === 0) throw new TypeError(`Index on "${collection}" needs at least one field`);
      index.fields.forEach((field) => assertFieldName(field));
      await this.createCollectionOnce(collection);
      // Named, so that operators and later versions can tell Troupe's indexes apart and drop or change one by name.
      await this.db
        .collection(collection)
        .createIndex(Object.fromEntries(index.fields.map((field) => [field, 1])), { unique: index.unique === true, name: indexName(index) })
        .catch((error: unknown) => {
          // The same keys already indexed under the driver's default name (created by an earlier version): keep it.
          if (!isIndexOptionsConflict(error)) throw error;
        });
    });
  }

  /** Explicitly, outside any transaction: created implicitly inside two concurrent transactions, it would conflict. */
  private async createCollectionOnce(collection: string): Promise<void> {
    try {
      await this.db.createCollection(collection);
    } catch (error) {
      if (!isNamespaceExists(error)) throw error;
    }
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
      let view = new MongoSessionView(this.db, session);
      const started = Date.now();
      let attempts = 0;
      try {
        return await session.withTransaction(
          () => {
            attempts += 1;
            // The driver re-runs this after a transient error until its own 120 s pass; bound it much tighter. A
            // plain error here is not transient, so the driver aborts and rejects with it.
            const elapsed = Date.now() - started;
            if (attempts > 1 && elapsed > this.limits.transactionTimeoutMs) {
              throw new StoreUnavailableError(`MongoDB ${this.where}: a transaction still conflicted after ${attempts - 1} attempts in ${elapsed} ms; retry later`);
            }
            // A fresh view per attempt: one left from an aborted attempt must not reach the session again.
            view.open = false;
            view = new MongoSessionView(this.db, session);
            const current = view;
            return this.scope.run(() => fn(current));
          },
          { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' }, readPreference: 'primary', maxCommitTimeMS: this.limits.maxCommitTimeMs },
        );
      } catch (error) {
        throw translateTransactionFailure(error, this.where);
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
  const client = new (mongoDriver().MongoClient)(config.url, {
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
  return new MongoStore(client, client.db(config.database), where, {
    transactionTimeoutMs: config.transactionTimeoutMs ?? 10_000,
    maxCommitTimeMs: config.maxCommitTimeMs ?? 5000,
  });
}
