import assert from 'node:assert/strict';
import { DuplicateKeyError } from '../errors';
import type { Store } from '../store';
import type { ContractContext, Counter } from './contract-context';

interface Entry {
  _id: string;
  version?: number;
  ownerId: string;
}

class Rollback extends Error {}

export function transactionContract(context: ContractContext): void {
  let store: Store;
  beforeEach(async () => {
    store = await context.open();
  });

  it('commits writes across two collections together and returns what fn returned', async () => {
    const result = await store.transaction(async (session) => {
      await session.collection<Counter>('counters').insert({ _id: 'orders', value: 1 });
      await session.collection<Entry>('outbox').insert({ _id: 'e1', ownerId: 'o1' });
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal((await store.collection<Counter>('counters').get('orders'))?.value, 1);
    assert.equal(await store.collection('outbox').count(), 1);
  });

  it('rolls back every write in both collections when fn throws, and rethrows its error', async () => {
    const counters = store.collection<Counter>('counters');
    const outbox = store.collection<Entry>('outbox');
    await counters.insert({ _id: 'orders', value: 1 });
    await counters.insert({ _id: 'doomed', value: 9 });
    await outbox.insert({ _id: 'e0', ownerId: 'o0' });
    const failure = new Rollback('handler failed');
    await assert.rejects(
      store.transaction(async (session) => {
        await session.collection<Counter>('counters').update({ _id: 'orders', value: 2 }, 1);
        await session.collection<Counter>('counters').delete('doomed');
        await session.collection<Entry>('outbox').insert({ _id: 'e1', ownerId: 'o1' });
        await session.collection<Entry>('brand-new').insert({ _id: 'n1', ownerId: 'o1' });
        assert.equal(await session.collection('outbox').count(), 2, 'a transaction reads its own writes');
        throw failure;
      }),
      (error) => error === failure,
    );
    assert.deepEqual(await counters.get('orders'), { _id: 'orders', value: 1, version: 1 });
    assert.equal((await counters.get('doomed'))?.value, 9);
    assert.deepEqual((await outbox.find()).map((e) => e._id), ['e0']);
    assert.equal(await store.collection('brand-new').count(), 0);
    await store.collection<Entry>('brand-new').insert({ _id: 'n1', ownerId: 'o1' });
    assert.equal(await store.collection('brand-new').count(), 1, 'a collection first touched in a rolled-back transaction still works');
  });

  it('gives a relaxed-durability transaction the same all-or-nothing semantics, and full ones still work after it', async () => {
    const counters = store.collection<Counter>('counters');
    await store.transaction(async (session) => {
      await session.collection<Counter>('counters').insert({ _id: 'relaxed', value: 1 });
    }, { durability: 'relaxed' });
    await assert.rejects(
      store.transaction(async (session) => {
        await session.collection<Counter>('counters').update({ _id: 'relaxed', value: 2 }, 1);
        throw new Rollback('relaxed rollback');
      }, { durability: 'relaxed' }),
      Rollback,
    );
    assert.equal((await counters.get('relaxed'))?.value, 1);
    await store.transaction(async (session) => {
      await session.collection<Counter>('counters').update({ _id: 'relaxed', value: 3 }, 1);
    });
    assert.equal((await counters.get('relaxed'))?.value, 3);
  });

  it('rolls back earlier writes when a later one hits a duplicate key', async () => {
    await store.collection<Entry>('inbox').insert({ _id: 'm1', ownerId: 'o1' });
    await assert.rejects(
      store.transaction(async (session) => {
        await session.collection<Entry>('outbox').insert({ _id: 'e1', ownerId: 'o1' });
        await session.collection<Entry>('inbox').insert({ _id: 'm1', ownerId: 'o1' });
      }),
      DuplicateKeyError,
    );
    assert.equal(await store.collection('outbox').count(), 0);
  });

  it('never shows uncommitted writes to a read outside the transaction', async () => {
    await store.collection<Counter>('counters').insert({ _id: 'c', value: 1 });
    let signalWritten!: () => void;
    const written = new Promise<void>((resolve) => (signalWritten = resolve));
    let letFinish!: () => void;
    const finish = new Promise<void>((resolve) => (letFinish = resolve));
    const transaction = store.transaction(async (session) => {
      await session.collection<Counter>('counters').update({ _id: 'c', value: 2 }, 1);
      await session.collection<Counter>('counters').insert({ _id: 'new', value: 1 });
      signalWritten();
      await finish;
      throw new Rollback('abandon');
    });
    await written;
    const outsideCounter = store.collection<Counter>('counters').get('c');
    const outsideNew = store.collection<Counter>('counters').get('new');
    const outsideCount = store.collection<Counter>('counters').count();
    letFinish();
    await assert.rejects(transaction, Rollback);
    assert.deepEqual(await outsideCounter, { _id: 'c', value: 1, version: 1 });
    assert.equal(await outsideNew, undefined);
    assert.equal(await outsideCount, 1);
  });

  it('refuses store calls made from inside fn (they belong on the session) instead of hanging', async () => {
    await assert.rejects(
      store.transaction(async () => {
        await store.collection<Counter>('counters').insert({ _id: 'c', value: 1 });
      }),
      /inside transaction\(fn\)/,
    );
    await assert.rejects(store.transaction(() => store.transaction(async () => 1)), /inside transaction\(fn\)/);
    assert.equal(await store.collection('counters').count(), 0);
  });

  it('refuses a session used after its transaction ended', async () => {
    let leaked: Store['collection'] | undefined;
    await store.transaction(async (session) => {
      leaked = session.collection.bind(session);
    });
    await assert.rejects(leaked!<Counter>('counters').insert({ _id: 'late', value: 1 }));
    assert.equal(await store.collection('counters').count(), 0);
  });
}
