export type * from './store';
export { ConcurrencyError, DuplicateKeyError, InvalidNameError, StoreUnavailableError } from './errors';
export { createSqliteStore, type SqliteStoreConfig } from './sqlite/sqlite-store';
