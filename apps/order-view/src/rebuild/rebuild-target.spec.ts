import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStore } from '@troupe/persistence';
import { rebuildTargetFor } from './rebuild-target';

describe('SQLite rebuild target', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-rebuild-target-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds into a fresh file beside the live one and renames it over, dropping the old WAL', async () => {
    const live = await createStore({ kind: 'sqlite', file: path.join(dir, 'order-view.sqlite') });
    await live.collection('order_views').insert({ _id: 'old' });
    await live.close();
    writeFileSync(path.join(dir, 'order-view.sqlite-wal'), 'stale');
    writeFileSync(path.join(dir, 'order-view.rebuild.sqlite'), 'left over by an interrupted run');

    const target = rebuildTargetFor({ DATA_DIR: dir });
    const fresh = await target.openFresh();
    assert.equal(await fresh.collection('order_views').count(), 0);
    await fresh.collection('order_views').insert({ _id: 'rebuilt' });
    await fresh.close();
    await target.swapIn();

    assert.equal(existsSync(path.join(dir, 'order-view.rebuild.sqlite')), false);
    const swapped = await createStore({ kind: 'sqlite', file: path.join(dir, 'order-view.sqlite') });
    try {
      assert.deepEqual((await swapped.collection('order_views').find()).map((row) => row._id), ['rebuilt']);
    } finally {
      await swapped.close();
    }
  });
});
