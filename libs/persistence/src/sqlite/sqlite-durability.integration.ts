import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreUnavailableError } from '../errors';
import type { Store, StoredDocument } from '../store';
import { createSqliteStore, openSqliteStore, type SqliteStoreConfig } from './sqlite-store';
import { heldFlush, type HeldFlush } from './testing/held-flush';
import { WalSync } from './wal-sync';

interface Doc extends StoredDocument {
  value: number;
}

const insert = (id: string) => (session: Store) => session.collection<Doc>('docs').insert({ _id: id, value: 1 });

/** The store's WalSync around a flush the test finishes by hand. */
function heldWalSync(): HeldFlush & { walSync: WalSync } {
  const held = heldFlush();
  return { ...held, walSync: new WalSync(held.flush) };
}

async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const first = await Promise.race([promise.then(() => undefined, () => undefined), new Promise((resolve) => setTimeout(() => resolve(marker), 20))]);
  return first === marker;
}

describe("sqlite store durability with walFlush 'thread-pool': the WAL is flushed off the event loop", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-sqlite-durability-'));
  let store: Store;
  let disk: ReturnType<typeof heldWalSync>;
  let counter = 0;

  beforeEach(() => {
    disk = heldWalSync();
    store = openSqliteStore({ file: path.join(dir, `store-${(counter += 1)}.sqlite`) }, { mode: 'thread-pool', walSync: disk.walSync, close: async () => undefined });
  });
  afterEach(async () => {
    // close waits for every requested flush: let each one finish as it starts.
    const closing = store.close();
    while (await isPending(closing)) if (disk.outstanding() > 0) disk.finish();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves a transaction only after a flush that began after its commit, and lets the next one commit meanwhile', async () => {
    const first = store.transaction(async (session) => insert('a')(session as Store));
    assert.ok(await isPending(first), 'committed but not yet flushed');
    assert.equal(disk.started(), 1);
    assert.equal((await store.collection<Doc>('docs').get('a'))?.value, 1, 'the commit is done; only its flush is outstanding');

    const second = store.transaction(async (session) => insert('b')(session as Store));
    assert.equal((await store.collection<Doc>('docs').get('b'))?.value, 1, 'the store is free while the first flush runs');
    disk.finish();
    await first;
    assert.ok(await isPending(second), 'the first flush may have started before the second commit: it needs its own');
    assert.equal(disk.started(), 2);
    disk.finish();
    await second;
  });

  it('does not make relaxed transactions wait for a flush', async () => {
    const relaxed = store.transaction(async (session) => insert('r')(session as Store), { durability: 'relaxed' });
    assert.equal(await isPending(relaxed), false);
    assert.equal(disk.started(), 0);
  });

  it('makes writes outside a transaction wait for their flush, and reads not', async () => {
    const docs = store.collection<Doc>('docs');
    const written = docs.insert({ _id: 'w', value: 1 });
    assert.ok(await isPending(written));
    assert.equal((await docs.get('w'))?.value, 1, 'a read does not wait for the flush');
    const updated = docs.update({ _id: 'w', value: 2 }, 1);
    disk.finish();
    await written;
    disk.finish();
    await updated;
    assert.equal(disk.started(), 2);
  });

  it('fails a commit whose flush failed with StoreUnavailableError that says it may not be durable', async () => {
    const failing = store.transaction(async (session) => insert('f')(session as Store));
    assert.ok(await isPending(failing));
    disk.finish(new Error('EIO: i/o error'));
    await assert.rejects(failing, (error: unknown) => error instanceof StoreUnavailableError && /could not flush it to disk.*EIO/.test(error.message));
  });
});

/**
 * The `synchronous` levels a store's connection is set to while it opens and while `use` runs on it, in order (the
 * store sets the level at open and, syncing inside COMMIT, again whenever the next commit needs another one).
 */
async function synchronousLevels(open: () => Store, use: (store: Store) => Promise<void> = async () => undefined): Promise<string[]> {
  const levels: string[] = [];
  const original = Database.prototype.pragma;
  Database.prototype.pragma = function (this: Database.Database, source: string, options?: Database.PragmaOptions) {
    const level = /^synchronous\s*=\s*(\w+)$/i.exec(source.trim())?.[1];
    if (level) levels.push(level.toUpperCase());
    return original.call(this, source, options);
  } as typeof original;
  let store: Store | undefined;
  try {
    store = open();
    await use(store);
  } finally {
    Database.prototype.pragma = original;
    await store?.close();
  }
  return levels;
}

describe('sqlite store durability: where a commit is synced', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-sqlite-sync-level-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => path.join(dir, `${name}.sqlite`);

  it('by default lets SQLite sync the WAL inside COMMIT (synchronous=FULL, no flush of its own)', async () => {
    assert.deepEqual(await synchronousLevels(() => createSqliteStore({ file: file('default') })), ['FULL']);
    assert.deepEqual(await synchronousLevels(() => createSqliteStore({ file: file('in-commit'), walFlush: 'in-commit' })), ['FULL']);
  });

  it('commits a relaxed transaction without a sync, and syncs the next durable transaction and plain write again', async () => {
    const levels = await synchronousLevels(
      () => createSqliteStore({ file: file('relaxed') }),
      async (store) => {
        await store.transaction(async (session) => insert('durable-1')(session as Store));
        await store.transaction(async (session) => insert('relaxed-1')(session as Store), { durability: 'relaxed' });
        await store.transaction(async (session) => insert('relaxed-2')(session as Store), { durability: 'relaxed' });
        await store.transaction(async (session) => insert('durable-2')(session as Store));
        await store.transaction(async (session) => insert('relaxed-3')(session as Store), { durability: 'relaxed' });
        await store.collection<Doc>('docs').insert({ _id: 'plain', value: 1 });
        assert.equal((await store.collection<Doc>('docs').find({})).length, 6);
      },
    );
    // Opened at FULL; switched only where the next commit needs another level (a relaxed one, then a durable one).
    assert.deepEqual(levels, ['FULL', 'NORMAL', 'FULL', 'NORMAL', 'FULL']);
  });

  it("with walFlush 'thread-pool' commits at NORMAL, because WalSync flushes the WAL after the commit", async () => {
    assert.deepEqual(await synchronousLevels(() => createSqliteStore({ file: file('thread-pool'), walFlush: 'thread-pool' })), ['NORMAL']);
  });

  it("commits at NORMAL when only crash safety is asked for, or in memory, whatever walFlush says", async () => {
    assert.deepEqual(await synchronousLevels(() => createSqliteStore({ file: file('normal'), synchronous: 'NORMAL' })), ['NORMAL']);
    assert.deepEqual(await synchronousLevels(() => createSqliteStore({ file: file('normal-tp'), synchronous: 'NORMAL', walFlush: 'thread-pool' })), ['NORMAL']);
    assert.deepEqual(await synchronousLevels(() => createSqliteStore({ file: ':memory:' })), ['NORMAL']);
  });
});

for (const walFlush of ['in-commit', 'thread-pool'] as const) {
  describe(`sqlite store durability on a real file (walFlush '${walFlush}')`, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-sqlite-wal-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const config = (name: string): SqliteStoreConfig => ({ file: path.join(dir, `${name}.sqlite`), walFlush });

    it('syncs the real <file>-wal, then keeps the data across close and reopen', async () => {
      const store = createSqliteStore(config('real'));
      await store.transaction(async (session) => {
        await session.collection<Doc>('docs').insert({ _id: 'kept', value: 7 });
      });
      assert.ok(existsSync(`${config('real').file}-wal`), 'the store runs in WAL mode');
      await store.close();
      const reopened = createSqliteStore(config('real'));
      assert.equal((await reopened.collection<Doc>('docs').get('kept'))?.value, 7);
      await reopened.close();
    });

    it('lets close() race a write and a transaction: both resolve, and the data is there after reopening', async () => {
      const store = createSqliteStore(config('closing'));
      const written = store.collection<Doc>('docs').insert({ _id: 'plain', value: 1 });
      const committed = store.transaction(async (session) => {
        await session.collection<Doc>('docs').insert({ _id: 'in-transaction', value: 2 });
      });
      const closed = store.close();
      await Promise.all([written, committed, closed]);
      const reopened = createSqliteStore(config('closing'));
      assert.deepEqual((await reopened.collection<Doc>('docs').find({})).map((doc) => doc.value), [2, 1]);
      await reopened.close();
    });
  });
}
