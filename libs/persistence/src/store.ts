/**
 * The store port: the narrow document-store surface every service needs.
 * Adapters (embedded SQLite, MongoDB) must pass the shared store contract suite.
 */
export interface StoredDocument {
  /** Unique key within its collection. */
  _id: string;
  /** Optimistic-concurrency version; set to 1 on insert and bumped by every `update`. */
  version?: number;
}

/** Equality on top-level fields; `$in` and range operators on a field cover what the services query. */
export type FieldCondition = string | number | boolean | null | { $in?: unknown[]; $gt?: unknown; $gte?: unknown; $lt?: unknown; $lte?: unknown };
export type Filter<T> = { [K in keyof T]?: FieldCondition } & Record<string, FieldCondition>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
}

export interface IndexSpec {
  fields: string[];
  unique?: boolean;
}

export interface Collection<T extends StoredDocument> {
  get(id: string): Promise<T | undefined>;
  find(filter?: Filter<T>, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter<T>): Promise<number>;
  /** Throws DuplicateKeyError when `_id` (or a unique index) already exists. Sets version to 1. */
  insert(doc: T): Promise<T>;
  /** Replaces the document if its stored version equals `expectedVersion`, else throws ConcurrencyError. Returns it with version + 1. */
  update(doc: T, expectedVersion: number): Promise<T>;
  /** Inserts or replaces without a version check (read models, counters keyed by event id). */
  upsert(doc: T): Promise<T>;
  delete(id: string): Promise<boolean>;
  /** Deletes every document matching the filter; returns how many went. */
  deleteMany(filter: Filter<T>): Promise<number>;
}

/** What a transaction callback sees: the same collections, bound to one atomic unit of work. */
export interface StoreSession {
  collection<T extends StoredDocument>(name: string): Collection<T>;
}

export interface TransactionOptions {
  /**
   * `'full'` (default): the commit survives power loss. `'relaxed'`: it survives a process crash, and a power
   * loss may undo it — for bookkeeping whose loss only causes a repeat that idempotency absorbs (e.g. marking
   * outbox rows sent). SQLite skips the fsync of that commit (the next full commit makes it durable);
   * MongoDB commits with the connection's write concern either way.
   */
  durability?: 'full' | 'relaxed';
}

export interface Store extends StoreSession {
  readonly kind: 'sqlite' | 'mongodb';
  /**
   * Idempotent; call at start-up for every collection a service writes. MongoDB would otherwise create a
   * collection implicitly on its first write, inside whichever transactions get there first, and two of them
   * doing so at once conflict; SQLite creates the table.
   */
  ensureCollection(collection: string): Promise<void>;
  /** Idempotent; call at start-up for every index a service relies on (it ensures the collection too). */
  ensureIndex(collection: string, index: IndexSpec): Promise<void>;
  /** Runs `fn` atomically across collections: all its writes commit, or none do when it throws. */
  transaction<R>(fn: (session: StoreSession) => Promise<R>, options?: TransactionOptions): Promise<R>;
  /** True while the store can serve requests (used by /health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
