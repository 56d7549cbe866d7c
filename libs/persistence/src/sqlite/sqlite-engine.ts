import type Database from 'better-sqlite3';
import { quoteIdentifier } from './sqlite-sql';

/**
 * The one better-sqlite3 connection of a store, with its prepared-statement cache and the tables
 * it knows exist. Every method is synchronous; callers (store and session) decide when they may run.
 */
export class SqliteEngine {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly knownTables = new Set<string>();
  // DDL is transactional in SQLite: a table created inside a transaction that rolls back is gone,
  // so it must be forgotten too, or the next use would hit "no such table".
  private tablesCreatedInTransaction: string[] = [];

  constructor(
    readonly db: Database.Database,
    readonly file: string,
    readonly busyTimeoutMs: number,
    /** The connection's `synchronous` level as opened. */
    private synchronous: 'FULL' | 'NORMAL' = 'NORMAL',
  ) {}

  /** Sets the level the next commits run at (FULL: COMMIT syncs the WAL); a no-op when it already is. */
  setSynchronous(level: 'FULL' | 'NORMAL'): void {
    if (this.synchronous === level) return;
    this.db.pragma(`synchronous = ${level}`);
    this.synchronous = level;
  }

  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Read-only check, so that reads never need the write lock another process may be holding. */
  hasTable(collection: string): boolean {
    if (this.knownTables.has(collection)) return true;
    const found = this.statement("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?").get(collection) !== undefined;
    if (found) this.knownTables.add(collection);
    return found;
  }

  ensureTable(collection: string): void {
    if (this.hasTable(collection)) return;
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(collection)} (` +
        '_id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL CHECK (json_valid(doc)))',
    );
    this.knownTables.add(collection);
    if (this.db.inTransaction) this.tablesCreatedInTransaction.push(collection);
  }

  begin(): void {
    // IMMEDIATE takes the write lock up front (waiting up to busy_timeout for another process), so
    // a transaction never fails half-way with SQLITE_BUSY when it upgrades from reading to writing.
    this.statement('BEGIN IMMEDIATE').run();
    this.tablesCreatedInTransaction = [];
  }

  commit(): void {
    this.statement('COMMIT').run();
    this.tablesCreatedInTransaction = [];
  }

  rollback(): void {
    if (this.db.inTransaction) this.statement('ROLLBACK').run();
    for (const table of this.tablesCreatedInTransaction) this.knownTables.delete(table);
    this.tablesCreatedInTransaction = [];
  }
}
