import assert from 'node:assert/strict';
import type { Store } from '../store';
import { retryOnConflict, type ContractContext, type Counter } from './contract-context';

async function incrementInTransaction(store: Store): Promise<void> {
  await retryOnConflict(() =>
    store.transaction(async (session) => {
      const counters = session.collection<Counter>('counters');
      const counter = (await counters.get('total'))!;
      await counters.update({ ...counter, value: counter.value + 1 }, counter.version!);
    }),
  );
}

async function incrementOptimistically(store: Store): Promise<void> {
  const counters = store.collection<Counter>('counters');
  await retryOnConflict(async () => {
    const counter = (await counters.get('total'))!;
    await counters.update({ ...counter, value: counter.value + 1 }, counter.version!);
  });
}

export function concurrencyContract(context: ContractContext): void {
  let store: Store;
  beforeEach(async () => {
    store = await context.open();
    await store.collection<Counter>('counters').insert({ _id: 'total', value: 0 });
  });

  it('many overlapping transactions incrementing one counter lose no increment', async () => {
    const workers = 8;
    const perWorker = 10;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let i = 0; i < perWorker; i++) await incrementInTransaction(store);
      }),
    );
    const counter = await store.collection<Counter>('counters').get('total');
    assert.equal(counter?.value, workers * perWorker);
    assert.equal(counter?.version, workers * perWorker + 1);
  });

  it('overlapping read-then-update without a transaction loses no increment thanks to versions', async () => {
    const workers = 8;
    const perWorker = 10;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let i = 0; i < perWorker; i++) await incrementOptimistically(store);
      }),
    );
    assert.equal((await store.collection<Counter>('counters').get('total'))?.value, workers * perWorker);
  });
}
