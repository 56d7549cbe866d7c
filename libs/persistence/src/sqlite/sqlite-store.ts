import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AsyncMutex } from '../async-mutex';
import { StoreUnavailableError } from '../errors';
import { assertCollectionName } from '../names';
import type { Collection, IndexSpec, Store, StoreSession, StoredDocument, TransactionOptions } from '../store';
import { TransactionScope } from '../transaction-scope';
import { SqliteCollection } from './sqlite-collection';
import { SqliteEngine } from './sqlite-engine';
import { busyError, isBusy, translateSqliteError } from './sqlite-errors';
import { createIndexSql } from './sqlite-index';
import { SqliteSession } from './sqlite-session';
import { walFileFlush, WalSync } from './wal-sync';

export interface SqliteStoreConfig {
  /** Database file (its directory is created if missing), e.g. `data/payment-service.sqlite`; `':memory:'` for a private in-memory store. */
  file: string;
  /** How long a write waits for another connection's (another process's) write lock before failing with StoreUnavailableError. Default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * Default `'FULL'`: a write or transaction resolves only once it is on disk, so it survives power loss (how the
   * WAL gets there: `walFlush`). `'NORMAL'`: it resolves at commit and survives process crashes only.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * How a `'FULL'` store puts a commit's WAL frames on disk. Default `'in-commit'`: SQLite's own `synchronous=FULL`
   * for that commit, so COMMIT returns once the WAL is synced, the event loop waiting for the disk (a fraction of a
   * millisecond on a local SSD). `'thread-pool'`: commit at `synchronous=NORMAL`, then a group `fdatasync` of the
   * WAL on libuv's thread pool (WalSync) while the next transaction runs. The thread pool wins for one busy process
   * with cores to spare; where many processes share few cores, handing every flush to a thread and back costs more
   * scheduling than the overlap saves (see docs/architecture.md, "Throughput"). Ignored in memory and at `'NORMAL'`.
   * Either way a `relaxed` transaction commits without a sync of its own.
   */
  walFlush?: 'in-commit' | 'thread-pool';
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_WAL_FLUSH = 'in-commit';

function openEngine(config: SqliteStoreConfig, synchronous: 'FULL' | 'NORMAL'): SqliteEngine {
  const busyTimeoutMs = config.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const inMemory = config.file === ':memory:';
  let db: Database.Database | undefined;
  try {
    if (!inMemory) mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
    db = new Database(config.file, { timeout: busyTimeoutMs });
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    // WAL lets readers (this process or another) go on while one writer commits.
    if (!inMemory) db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL never syncs inside COMMIT: the durability of a commit flushed on the thread pool comes from
    // WalSync instead, and a NORMAL store has none. In memory there is no file to flush. A durable store switches
    // the level per commit (SqliteStore.syncNextCommit).
    db.pragma(`synchronous = ${synchronous}`);
    return new SqliteEngine(db, config.file, busyTimeoutMs, synchronous);
  } catch (error) {
    db?.close();
    if (isBusy(error)) throw busyError(config.file, busyTimeoutMs, error);
    throw new StoreUnavailableError(`Cannot open SQLite database "${config.file}": ${(error as Error).message}`, { cause: error });
  }
}

/**
 * How a store makes commits durable. `'none'`: commits survive process crashes only. `'in-commit'`: SQLite syncs
 * the WAL inside every durable COMMIT (the connection is set to FULL for it). `'thread-pool'`: commits run at
 * NORMAL and `walSync` flushes after them.
 */
export type SqliteDurability =
  | { mode: 'none' | 'in-commit'; close(): Promise<void> }
  | { mode: 'thread-pool'; walSync: WalSync; close(): Promise<void> };

/**
 * The embedded store: one SQLite file per service. better-sqlite3 is synchronous, so the only
 * way two pieces of work could interleave is across an `await` inside `transaction(fn)`; an async
 * mutex therefore serialises transactions and makes plain operations wait for an open one.
 * Other processes on the same file are kept out by SQLite's write lock (BEGIN IMMEDIATE + busy
 * timeout) and by the optimistic `version` check on update. Durable writes are synced by SQLite inside
 * COMMIT or, with `walFlush: 'thread-pool'`, flushed off the event loop by `SqliteDurability.walSync` (wal-sync.ts).
 */
class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly mutex = new AsyncMutex();
  private readonly scope = new TransactionScope();
  private closed = false;

  constructor(
    private readonly engine: SqliteEngine,
    private readonly durability: SqliteDurability,
  ) {}

  collection<T extends StoredDocument>(name: string): Collection<T> {
    assertCollectionName(name);
    return new SqliteCollection<T>(this.engine, name, (operation, work, writes) => this.serialised(operation, work, writes));
  }

  ensureCollection(collection: string): Promise<void> {
    const create = (): void => {
      assertCollectionName(collection);
      try {
        this.engine.ensureTable(collection);
      } catch (error) {
        throw translateSqliteError(error, { file: this.engine.file, busyTimeoutMs: this.engine.busyTimeoutMs, collection });
      }
    };
    return this.serialised('ensureCollection', create, true);
  }

  ensureIndex(collection: string, index: IndexSpec): Promise<void> {
    const create = (): void => {
      assertCollectionName(collection);
      const sql = createIndexSql(collection, index);
      try {
        this.engine.ensureTable(collection);
        this.engine.db.exec(sql);
      } catch (error) {
        throw translateSqliteError(error, { file: this.engine.file, busyTimeoutMs: this.engine.busyTimeoutMs, collection });
      }
    };
    return this.serialised('ensureIndex', create, true);
  }

  async transaction<R>(fn: (session: StoreSession) => Promise<R>, options: TransactionOptions = {}): Promise<R> {
    this.scope.assertOutside('transaction');
    const { result, durable } = await this.mutex.run(async () => {
      this.assertOpen();
      this.syncNextCommit(options.durability !== 'relaxed');
      const committed = await this.runTransaction(fn);
      // Requested under the lock, so that close() (which takes it next) waits for this flush; awaited outside
      // it, so that the next transaction runs while this one's flush is on the disk. A relaxed commit is made
      // durable by whichever full commit flushes next.
      return { result: committed, durable: options.durability === 'relaxed' ? undefined : this.requestFlush() };
    });
    await durable;
    return result;
  }

  private async runTransaction<R>(fn: (session: StoreSession) => Promise<R>): Promise<R> {
    {
      try {
        this.engine.begin();
      } catch (error) {
        throw isBusy(error) ? busyError(this.engine.file, this.engine.busyTimeoutMs, error) : error;
      }
      const session = new SqliteSession(this.engine);
      try {
        const result = await this.scope.run(() => fn(session));
        session.end();
        this.engine.commit();
        return result;
      } catch (error) {
        session.end();
        this.engine.rollback();
        throw isBusy(error) ? busyError(this.engine.file, this.engine.busyTimeoutMs, error) : error;
      }
    }
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return this.engine.statement('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.scope.assertOutside('close');
    await this.mutex.run(async () => {
      if (this.closed) return;
      this.closed = true;
      if (this.durability.mode === 'thread-pool') await this.durability.walSync.settle();
      await this.durability.close();
      this.engine.db.close();
    });
  }

  /** Runs `work` under the store's lock; `writes`: it changes the file, so resolve once that is durable. */
  private async serialised<R>(operation: string, work: () => R, writes: boolean): Promise<R> {
    this.scope.assertOutside(operation);
    const { result, durable } = await this.mutex.run(() => {
      this.assertOpen();
      if (writes) this.syncNextCommit(true);
      const done = work();
      return { result: done, durable: writes ? this.requestFlush() : undefined };
    });
    await durable;
    return result;
  }

  /**
   * Sets whether SQLite syncs the WAL inside the next COMMIT. Only before BEGIN: the level a commit runs at is taken
   * when its transaction starts, a change inside one is ignored for it.
   */
  private syncNextCommit(durable: boolean): void {
    if (this.durability.mode !== 'in-commit') return;
    this.engine.setSynchronous(durable ? 'FULL' : 'NORMAL');
  }

  /** Asks for a WAL flush covering everything committed so far; resolves once it is on disk. */
  private requestFlush(): Promise<void> | undefined {
    if (this.durability.mode !== 'thread-pool') return undefined;
    const flushed = this.durability.walSync.afterCommit().catch((error: unknown) => {
      throw new StoreUnavailableError(
        `SQLite store "${this.engine.file}" committed a write but could not flush it to disk, so it may not survive a power loss: ${(error as Error).message}`,
        { cause: error },
      );
    });
    // The caller awaits it as soon as the lock is released; this only keeps a failure in between from being reported as unhandled.
    flushed.catch(() => undefined);
    return flushed;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError(`SQLite store "${this.engine.file}" is closed`);
  }
}

/** Opens (creating if needed) the SQLite store at `config.file`. Throws StoreUnavailableError when the file cannot be opened. */
export function createSqliteStore(config: SqliteStoreConfig): Store {
  const durable = config.file !== ':memory:' && config.synchronous !== 'NORMAL';
  if (!durable) return openSqliteStore(config, { mode: 'none', close: async () => undefined });
  if ((config.walFlush ?? DEFAULT_WAL_FLUSH) === 'in-commit') return openSqliteStore(config, { mode: 'in-commit', close: async () => undefined });
  const wal = walFileFlush(config.file);
  return openSqliteStore(config, { mode: 'thread-pool', walSync: new WalSync(wal.flush), close: wal.close });
}

/** The store with the given way of making commits durable (tests hold the flush back with it). */
export function openSqliteStore(config: SqliteStoreConfig, durability: SqliteDurability): Store {
  return new SqliteStore(openEngine(config, durability.mode === 'in-commit' ? 'FULL' : 'NORMAL'), durability);
}
