import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createStore, type Store } from '@troupe/persistence';
import { orderViewsCollection, type OrderViewRow } from '../store/order-view-row';

/** Where a rebuild writes (always a fresh store, never the live one) and how it then takes the live view's place. */
export interface RebuildTarget {
  description: string;
  /** Opens an empty store for the rebuilt rows. */
  openFresh(): Promise<Store>;
  /** Makes the rebuilt rows the live view; call after the fresh store was closed. */
  swapIn(): Promise<void>;
  /** Orders in the live view now (a rebuild with fewer lost some: the archive started late or was truncated). */
  countLive(): Promise<number>;
  /** Drops what a failed or refused rebuild wrote. */
  discard(): Promise<void>;
}

async function countRows(open: () => Promise<Store>): Promise<number> {
  const store = await open();
  try {
    return await store.collection(orderViewsCollection).count();
  } finally {
    await store.close();
  }
}

export interface RebuildStoreSettings {
  DATA_DIR: string;
  MONGO_URL?: string;
}

const service = 'order-view';

export function rebuildTargetFor(settings: RebuildStoreSettings): RebuildTarget {
  return settings.MONGO_URL ? mongoTarget(settings.MONGO_URL) : sqliteTarget(settings.DATA_DIR);
}

/**
 * SQLite: build `order-view.rebuild.sqlite` next to the live file, then rename it over the live one — atomic, so
 * a failed or interrupted rebuild leaves the live view untouched. The live file's -wal/-shm belong to the old
 * database and must go first: SQLite would replay a stale WAL onto the new file.
 */
function sqliteTarget(dataDir: string): RebuildTarget {
  const live = path.join(dataDir, `${service}.sqlite`);
  const rebuilt = path.join(dataDir, `${service}.rebuild.sqlite`);
  const sidecars = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];
  return {
    description: `${rebuilt} → ${live}`,
    openFresh: async () => {
      for (const file of [rebuilt, ...sidecars(rebuilt)]) rmSync(file, { force: true });
      return createStore({ kind: 'sqlite', file: rebuilt, synchronous: 'NORMAL' });
    },
    swapIn: async () => {
      if (existsSync(`${rebuilt}-wal`)) throw new Error(`${rebuilt} was not closed cleanly (its WAL remains); not swapping`);
      for (const file of sidecars(live)) rmSync(file, { force: true });
      renameSync(rebuilt, live);
    },
    countLive: async () => (existsSync(live) ? countRows(() => createStore({ kind: 'sqlite', file: live })) : 0),
    discard: async () => {
      for (const file of [rebuilt, ...sidecars(rebuilt)]) rmSync(file, { force: true });
    },
  };
}

/**
 * MongoDB has no atomic database rename through the store port: build into the database `order-view-rebuild`,
 * then replace the live collection's rows with it (order-view must be stopped; if this step fails, re-run the
 * rebuild). Rows are copied in pages ordered by order id.
 */
function mongoTarget(url: string): RebuildTarget {
  const open = (database: string) => createStore({ kind: 'mongodb', url, database, appName: `${service}-rebuild` });
  return {
    description: `MongoDB ${service}-rebuild → ${service}`,
    openFresh: async () => {
      const store = await open(`${service}-rebuild`);
      await store.collection(orderViewsCollection).deleteMany({});
      return store;
    },
    swapIn: async () => {
      const [from, to] = [await open(`${service}-rebuild`), await open(service)];
      try {
        const rows = to.collection<OrderViewRow>(orderViewsCollection);
        await rows.deleteMany({});
        for (let after = ''; ; ) {
          const page = await from.collection<OrderViewRow>(orderViewsCollection).find({ _id: { $gt: after } }, { sort: { _id: 1 }, limit: 500 });
          if (page.length === 0) break;
          for (const row of page) await rows.upsert({ _id: row._id, view: row.view, updatedAt: row.updatedAt });
          after = page[page.length - 1]._id;
        }
      } finally {
        await Promise.all([from.close(), to.close()]);
      }
    },
    countLive: () => countRows(() => open(service)),
    discard: async () => undefined,
  };
}
