import { ConcurrencyError } from '../errors';
import { parseFilter, parseFindOptions } from '../filter';
import { assertDocumentId } from '../names';
import type { Collection, Filter, FindOptions, StoredDocument } from '../store';
import type { SqliteEngine } from './sqlite-engine';
import { translateSqliteError } from './sqlite-errors';
import { orderAndLimit, quoteIdentifier, whereClause } from './sqlite-sql';

/**
 * Decides when a synchronous database operation may run: after the store's lock, or right away inside a
 * transaction. `writes`: the operation changes the file (outside a transaction it then resolves once durable).
 */
export type SqliteGate = <R>(operation: string, work: () => R, writes: boolean) => Promise<R>;

interface Row {
  doc: string;
}

function assertVersion(version: unknown): asserts version is number {
  if (!Number.isSafeInteger(version) || (version as number) < 0) {
    throw new TypeError(`expectedVersion must be a non-negative integer, got ${JSON.stringify(version)}`);
  }
}

export class SqliteCollection<T extends StoredDocument> implements Collection<T> {
  private readonly table: string;

  constructor(
    private readonly engine: SqliteEngine,
    private readonly name: string,
    private readonly gate: SqliteGate,
  ) {
    this.table = quoteIdentifier(name);
  }

  get(id: string): Promise<T | undefined> {
    return this.read('get', id, () => undefined, () => {
      const row = this.engine.statement(`SELECT doc FROM ${this.table} WHERE _id = ?`).get(id) as Row | undefined;
      return row === undefined ? undefined : (JSON.parse(row.doc) as T);
    });
  }

  find(filter?: Filter<T>, options?: FindOptions): Promise<T[]> {
    return this.read('find', undefined, () => [], () => {
      const params: unknown[] = [];
      const sql = `SELECT doc FROM ${this.table}${whereClause(parseFilter(filter), params)}${orderAndLimit(parseFindOptions(options), params)}`;
      return (this.engine.statement(sql).all(...params) as Row[]).map((row) => JSON.parse(row.doc) as T);
    });
  }

  count(filter?: Filter<T>): Promise<number> {
    return this.read('count', undefined, () => 0, () => {
      const params: unknown[] = [];
      const sql = `SELECT COUNT(*) AS n FROM ${this.table}${whereClause(parseFilter(filter), params)}`;
      return (this.engine.statement(sql).get(...params) as { n: number }).n;
    });
  }

  insert(doc: T): Promise<T> {
    return this.run('insert', doc?._id, () => {
      assertDocumentId(doc._id);
      const stored = { ...doc, version: 1 };
      this.engine.statement(`INSERT INTO ${this.table} (_id, version, doc) VALUES (?, 1, ?)`).run(doc._id, JSON.stringify(stored));
      return stored;
    });
  }

  update(doc: T, expectedVersion: number): Promise<T> {
    return this.run('update', doc?._id, () => {
      assertDocumentId(doc._id);
      assertVersion(expectedVersion);
      const stored = { ...doc, version: expectedVersion + 1 };
      const { changes } = this.engine
        .statement(`UPDATE ${this.table} SET version = ?, doc = ? WHERE _id = ? AND version = ?`)
        .run(stored.version, JSON.stringify(stored), doc._id, expectedVersion);
      if (changes === 0) {
        const current = this.engine.statement(`SELECT version FROM ${this.table} WHERE _id = ?`).get(doc._id) as { version: number } | undefined;
        throw new ConcurrencyError(this.name, doc._id, expectedVersion, current?.version);
      }
      return stored;
    });
  }

  upsert(doc: T): Promise<T> {
    return this.run('upsert', doc?._id, () => {
      assertDocumentId(doc._id);
      // One statement, so that even outside a transaction no other process can slip in between
      // reading the old version and writing the new one.
      const { version } = this.engine
        .statement(
          `INSERT INTO ${this.table} (_id, version, doc) VALUES (?, 1, json_set(?, '$.version', 1)) ` +
            `ON CONFLICT (_id) DO UPDATE SET version = version + 1, doc = json_set(excluded.doc, '$.version', version + 1) RETURNING version`,
        )
        .get(doc._id, JSON.stringify(doc)) as { version: number };
      return { ...doc, version };
    });
  }

  delete(id: string): Promise<boolean> {
    return this.run('delete', id, () => this.engine.statement(`DELETE FROM ${this.table} WHERE _id = ?`).run(id).changes > 0);
  }

  deleteMany(filter: Filter<T>): Promise<number> {
    return this.run('deleteMany', undefined, () => {
      if (filter === undefined) throw new TypeError('deleteMany needs a filter; pass {} to delete every document on purpose');
      const params: unknown[] = [];
      return this.engine.statement(`DELETE FROM ${this.table}${whereClause(parseFilter(filter), params)}`).run(...params).changes;
    });
  }

  /** Reads of a collection nobody wrote to yet answer `empty` instead of creating its table (a write). */
  private read<R>(operation: string, id: string | undefined, empty: () => R, work: () => R): Promise<R> {
    return this.execute(operation, id, false, () => (this.engine.hasTable(this.name) ? work() : empty()));
  }

  private run<R>(operation: string, id: string | undefined, work: () => R): Promise<R> {
    return this.execute(operation, id, true, () => {
      this.engine.ensureTable(this.name);
      return work();
    });
  }

  private execute<R>(operation: string, id: string | undefined, writes: boolean, work: () => R): Promise<R> {
    const translated = (): R => {
      try {
        return work();
      } catch (error) {
        throw translateSqliteError(error, { file: this.engine.file, busyTimeoutMs: this.engine.busyTimeoutMs, collection: this.name, id });
      }
    };
    return this.gate(operation, translated, writes);
  }
}
