import { createMongoStore, type MongoStoreConfig } from './mongodb/mongo-store';
import { createSqliteStore, type SqliteStoreConfig } from './sqlite/sqlite-store';
import type { Store } from './store';

/** Which adapter a service uses; the worker builds this once from its environment (MONGO_URL set → mongodb). */
export type StoreConfig =
  | ({ kind: 'sqlite' } & SqliteStoreConfig)
  | ({ kind: 'mongodb' } & MongoStoreConfig);

export async function createStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'sqlite': {
      const { kind: _kind, ...sqlite } = config;
      return createSqliteStore(sqlite);
    }
    case 'mongodb': {
      const { kind: _kind, ...mongo } = config;
      return createMongoStore(mongo);
    }
    default:
      throw new TypeError(`Unknown store kind ${JSON.stringify((config as { kind?: unknown }).kind)}: use 'sqlite' or 'mongodb'`);
  }
}
