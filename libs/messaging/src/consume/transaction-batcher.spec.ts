import assert from 'node:assert/strict';
import { createSqliteStore, withTransactionReruns, type Store } from '@troupe/persistence';
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

/** A store whose commits wait for a flush the test lets through, as a durable store's do. */
function slowFlushStore(store: Store): { store: Store; release: () => void } {
  const held: Array<() => void> = [];
  const flushing = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return async (work: Parameters<Store['transaction']>[0]) => {
        const result = await target.transaction(work);
        await new Promise<void>((resolve) => held.push(resolve));
        return result;
      };
    },
  });
  return { store: flushing, release: () => held.splice(0).forEach((resolve) => resolve()) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

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
    const batcher = new TransactionBatcher(counting.store, { maxConcurrent: 1 });
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => batcher.run(write(id))));
    assert.deepEqual(results, ['a', 'b', 'c', 'd']);
    assert.equal(counting.transactions(), 1, 'all four were queued when the transaction began');
    assert.equal(await store.collection('docs').count(), 4);
  });

  it('lets every callback of one loop turn join the batch, not only the first one (a burst of requests shares one commit)', async () => {
    const counting = countingStore(store);
    const batcher = new TransactionBatcher(counting.store);
    // Each unit is queued from a callback of its own, as requests read from separate sockets are: a batch begun straight
    // after the first callback would hold it alone, and the store would sync once per request.
    const results = await Promise.all(
      ['a', 'b', 'c'].map((id) => new Promise((resolve, reject) => setImmediate(() => batcher.run(write(id)).then(resolve, reject)))),
    );
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.equal(counting.transactions(), 1, 'the three callbacks ran in one turn, so their units share one transaction');
  });

  it('isolates a failing unit: it alone rejects and leaves no writes, the others commit', async () => {
    const batcher = new TransactionBatcher(store);
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

  it('commits the next batch while the previous one is still flushing', async () => {
    const flushing = slowFlushStore(store);
    const batcher = new TransactionBatcher(flushing.store);
    const first = batcher.run(write('first'));
    await tick();
    const second = batcher.run(write('second'));
    await tick();
    assert.equal(await store.collection('docs').count(), 2, 'the second batch did not wait for the first flush');
    flushing.release();
    await first;
    await tick();
    flushing.release();
    assert.equal(await second, 'second');
  });

  it('with maxConcurrent 1, starts a batch only after the previous one is durable', async () => {
    const flushing = slowFlushStore(store);
    const batcher = new TransactionBatcher(flushing.store, { maxConcurrent: 1 });
    const first = batcher.run(write('first'));
    await tick();
    const second = batcher.run(write('second'));
    await tick();
    assert.equal(await store.collection('docs').count(), 1);
    flushing.release();
    await first;
    await tick();
    flushing.release();
    await second;
    assert.equal(await store.collection('docs').count(), 2);
  });

  it('takes whatever queued while it waited for the store into one transaction', async () => {
    const counting = countingStore(store);
    const flushing = slowFlushStore(counting.store);
    const batcher = new TransactionBatcher(flushing.store);
    const lone = batcher.run(write('lone'));
    await tick();
    const queued = ['a', 'b', 'c', 'd', 'e'].map((id) => batcher.run(write(id)));
    await tick();
    flushing.release();
    await lone;
    await tick();
    flushing.release();
    await tick();
    flushing.release();
    assert.deepEqual(await Promise.all(queued), ['a', 'b', 'c', 'd', 'e']);
    assert.ok(counting.transactions() <= 3, `expected at most 3 transactions, saw ${counting.transactions()}`);
  });

  it('starts the next batch outside the running transaction, so the store never sees it as nested', async () => {
    // Six units queued at once with batches of two: the first transaction leaves four queued, and the batcher
    // opens the next one while the first is running. The SQLite store refuses a transaction started from inside
    // another one's async context; the batcher must start it from its own.
    const batcher = new TransactionBatcher(store, { maxBatch: 2 });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    assert.deepEqual(await Promise.all(ids.map((id) => batcher.run(write(id)))), ids);
    assert.equal(await store.collection('docs').count(), 6);
  });

  it('never puts more than maxBatch units in one transaction', async () => {
    const counting = countingStore(store);
    const batcher = new TransactionBatcher(counting.store, { maxBatch: 2, maxConcurrent: 1 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => batcher.run(write(id))));
    assert.equal(counting.transactions(), 3, '2 + 2 + 1');
  });

  describe('when the store re-runs a transaction function (MongoDB on a transient error)', () => {
    /** Settles within `ms` or says which units never did: a lost unit would otherwise hang the test. */
    const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
      Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not settled within ${ms} ms`)), ms))]);

    it('keeps the units it claimed on the first attempt: each resolves once, from the attempt that committed', async () => {
      let reruns = 0;
      const rerunning = withTransactionReruns(store, { share: 1, onRerun: () => (reruns += 1) });
      const batcher = new TransactionBatcher(rerunning, { maxConcurrent: 1 });
      const ids = ['a', 'b', 'c', 'd'];
      assert.deepEqual(await within(Promise.all(ids.map((id) => batcher.run(write(id)))), 2000, 'first batch'), ids);
      assert.ok(reruns >= 1, 'the store did re-run');
      assert.equal(await store.collection('docs').count(), 4, 'the rolled-back attempt left nothing, the re-run everything');
    });

    it('goes on starting batches after re-runs (its count of waiting transactions never goes below zero)', async () => {
      let draws = 0;
      // Every other transaction is re-run: batches that re-run and batches that do not, interleaved.
      const rerunning = withTransactionReruns(store, { share: 0.5, random: () => (draws++ % 2 === 0 ? 0 : 0.9) });
      const batcher = new TransactionBatcher(rerunning);
      for (let round = 0; round < 5; round += 1) {
        const ids = [1, 2, 3].map((index) => `r${round}-${index}`);
        assert.deepEqual(await within(Promise.all(ids.map((id) => batcher.run(write(id)))), 2000, `round ${round}`), ids);
      }
      assert.equal(await store.collection('docs').count(), 15);
    });
  });
});
