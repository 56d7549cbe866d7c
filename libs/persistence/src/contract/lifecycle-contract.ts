import assert from 'node:assert/strict';
import { DuplicateKeyError, StoreUnavailableError } from '../errors';
import type { Store } from '../store';
import type { ContractContext, Counter, StoreContractOptions } from './contract-context';

export function lifecycleContract(context: ContractContext, options: StoreContractOptions): void {
  it('answers ping while open and false once closed; operations after close fail as unavailable', async () => {
    const store: Store = await context.open();
    assert.equal(await store.ping(), true);
    await store.close();
    assert.equal(await store.ping(), false);
    await assert.rejects(store.collection('counters').get('x'), StoreUnavailableError);
    await assert.rejects(store.transaction(async () => 1), StoreUnavailableError);
    await store.close();
  });

  it('ensureCollection is idempotent, creates an empty collection, and leaves what is in one alone', async () => {
    const store: Store = await context.open();
    try {
      await store.ensureCollection('ensured');
      await store.ensureCollection('ensured');
      assert.equal(await store.collection('ensured').count(), 0);
      await store.transaction(async (session) => {
        await session.collection<Counter>('ensured').insert({ _id: 'a', value: 1 });
      });
      await store.ensureCollection('ensured');
      assert.equal(await store.collection('ensured').count(), 1);
      await assert.rejects(store.ensureCollection('bad name!'), /collection name/i);
    } finally {
      await store.close();
    }
  });

  if (!options.durable) {
    it('keeps committed data across close and reopen (skipped: this store is in-memory, nothing outlives close)');
    return;
  }

  it('keeps committed data and unique indexes across close and reopen, and drops what was rolled back', async () => {
    const first = await context.open();
    await first.ensureIndex('counters', { fields: ['name'], unique: true });
    await first.transaction(async (session) => {
      await session.collection<Counter & { name: string }>('counters').insert({ _id: 'a', value: 41, name: 'alpha' });
    });
    await first.collection<Counter>('counters').update({ _id: 'a', value: 42 }, 1);
    await first.transaction(async (session) => {
      await session.collection<Counter & { name: string }>('counters').insert({ _id: 'b', value: 1, name: 'beta' });
      throw new Error('rolled back');
    }).catch(() => undefined);
    await first.close();

    const reopened = await context.open();
    const counters = reopened.collection<Counter & { name?: string }>('counters');
    assert.deepEqual(await counters.get('a'), { _id: 'a', value: 42, version: 2 });
    assert.equal(await counters.get('b'), undefined);
    await counters.insert({ _id: 'c', value: 0, name: 'gamma' });
    await assert.rejects(counters.insert({ _id: 'd', value: 0, name: 'gamma' }), DuplicateKeyError);
  });
}
