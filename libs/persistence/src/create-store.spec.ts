import assert from 'node:assert/strict';
import { createStore } from './create-store';

describe('createStore', () => {
  it('opens the embedded SQLite store for kind "sqlite"', async () => {
    const store = await createStore({ kind: 'sqlite', file: ':memory:' });
    try {
      assert.equal(store.kind, 'sqlite');
      await store.collection('things').insert({ _id: 'a' });
      assert.equal(await store.collection('things').count(), 1);
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown kind by name', async () => {
    await assert.rejects(createStore({ kind: 'redis' } as never), /Unknown store kind "redis"/);
  });
});
