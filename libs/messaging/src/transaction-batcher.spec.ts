import assert from 'node:assert/strict';
import { createSqliteStore, type Store } from '@troupe/persistence';
import { TransactionBatcher } from './transaction-batcher';

/** Counts the transactions the batcher opens on a real (in-memory) store. */
function countingStore(store: Store): { store: Store; transactions: () => number } {
  let transactions = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return (work: Parameters<Store['transaction']>[0]) => {
        transactions += 1;
        return target.transaction(work);
      };
    },
  });
  return { store: counted, transactions: () => transactions };
}

describe('TransactionBatcher', () => {
  let store: Store;
  beforeEach(() => (store = createSqliteStore({ file: ':memory:' })));
  afterEach(() => store.close());

  const write = (id: string) => async (session: { collection: Store['collection'] }) => {
    await session.collection('docs').insert({ _id: id });
    return id;
  };

  it('commits units that queue up together in one transaction and resolves each with its own result', async () => {
    const counting = countingStore(store);
    const batcher = new TransactionBatcher(counting.store, 32);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => batcher.run(write(id))));
    assert.deepEqual(results, ['a', 'b', 'c', 'd']);
    assert.equal(counting.transactions(), 2, 'the first runs alone at once, the three that queued behind it share one');
    assert.equal(await store.collection('docs').count(), 4);
  });

  it('isolates a failing unit: it alone rejects and leaves no writes, the others commit', async () => {
    const batcher = new TransactionBatcher(store, 32);
    let failingRuns = 0;
    const failing = async (session: { collection: Store['collection'] }) => {
      failingRuns += 1;
      await session.collection('docs').insert({ _id: 'poison' });
      throw new Error('handler exploded');
    };
    const outcomes = await Promise.allSettled([batcher.run(write('first')), batcher.run(write('a')), batcher.run(failing), batcher.run(write('b'))]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((outcomes[2] as PromiseRejectedResult).reason), /handler exploded/);
    const ids = (await store.collection('docs').find({}, { sort: { _id: 1 } })).map((doc) => doc._id);
    assert.deepEqual(ids, ['a', 'b', 'first']);
    assert.equal(failingRuns, 1, 'a failing unit runs once: its failure is final for this attempt');
  });

  it('never puts more than maxBatch units in one transaction', async () => {
    const counting = countingStore(store);
    const batcher = new TransactionBatcher(counting.store, 2);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => batcher.run(write(id))));
    assert.equal(counting.transactions(), 3, '1 alone, then 2 + 2');
  });
});
