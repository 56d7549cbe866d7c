export type * from './store';
export { ConcurrencyError, DuplicateKeyError, InvalidNameError, StoreUnavailableError } from './errors';
export { createSqliteStore, type SqliteStoreConfig } from './sqlite/sqlite-store';
export { createMongoStore, type MongoStoreConfig } from './mongodb/mongo-store';
export { createStore, type StoreConfig } from './create-store';
export { withTransactionReruns, parseStoreFaults, type TransactionRerunOptions } from './transaction-reruns';
