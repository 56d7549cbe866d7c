import assert from 'node:assert/strict';
import { createSqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';
import { parseStoreFaults, withTransactionReruns } from './transaction-reruns';

describe('withTransactionReruns', () => {
  let store: Store;
  beforeEach(() => (store = createSqliteStore({ file: ':memory:' })));
  afterEach(() => store.close());

  it('runs the function, rolls its writes back and runs it again, as MongoDB does on a transient error', async () => {
    let runs = 0;
    let reruns = 0;
    const rerunning = withTransactionReruns(store, { share: 1, onRerun: () => (reruns += 1) });
    const result = await rerunning.transaction(async (session) => {
      runs += 1;
      await session.collection('docs').insert({ _id: 'only-once' });
      return runs;
    });
    assert.equal(runs, 2);
    assert.equal(result, 2, 'the caller gets the result of the attempt that committed');
    assert.equal(reruns, 1);
    assert.equal(await store.collection('docs').count(), 1, 'the first attempt left nothing behind');
  });

  it('does not re-run a function that failed itself, and passes its error on', async () => {
    let runs = 0;
    const rerunning = withTransactionReruns(store, { share: 1 });
    await assert.rejects(
      rerunning.transaction(async () => {
        runs += 1;
        throw new Error('domain says no');
      }),
      /domain says no/,
    );
    assert.equal(runs, 1);
  });

  it('re-runs only the given share of transactions', async () => {
    const draws = [0.1, 0.9, 0.1, 0.9];
    let reruns = 0;
    const rerunning = withTransactionReruns(store, { share: 0.5, random: () => draws.shift()!, onRerun: () => (reruns += 1) });
    for (let index = 0; index < 4; index += 1) await rerunning.transaction(async () => undefined);
    assert.equal(reruns, 2);
  });

  it('refuses a share outside 0–1', () => {
    assert.throws(() => withTransactionReruns(store, { share: 1.5 }), /within 0–1/);
  });
});

describe('parseStoreFaults', () => {
  it('reads off and rerun:<share>', () => {
    assert.equal(parseStoreFaults(undefined), undefined);
    assert.equal(parseStoreFaults(''), undefined);
    assert.equal(parseStoreFaults('off'), undefined);
    assert.deepEqual(parseStoreFaults('rerun:0.3'), { rerunShare: 0.3 });
    assert.deepEqual(parseStoreFaults('rerun:1'), { rerunShare: 1 });
  });

  it('names what it expects when the value is wrong', () => {
    assert.throws(() => parseStoreFaults('rerun:2'), /'off' or 'rerun:<share 0–1>'/);
    assert.throws(() => parseStoreFaults('chaos'), /rerun:0.3/);
  });
});
