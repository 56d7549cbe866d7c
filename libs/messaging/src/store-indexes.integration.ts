import assert from 'node:assert/strict';
import { createSqliteStore, type IndexSpec, type Store } from '@troupe/persistence';
import { Harness } from './test-support/harness';

describe('what messaging ensures on its store at start (real broker)', () => {
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  it('indexes the outbox for the relay (status, seq) and the sweep (status, leaseUntil), and the inbox for pruning', async () => {
    const inner = createSqliteStore({ file: ':memory:' });
    harness.onDispose(() => inner.close());
    const ensured: Array<[string, IndexSpec]> = [];
    const recording: Store = new Proxy(inner, {
      get(target, property, receiver) {
        if (property !== 'ensureIndex') return Reflect.get(target, property, receiver);
        return (collection: string, index: IndexSpec) => (ensured.push([collection, index]), target.ensureIndex(collection, index));
      },
    });
    await harness.service({ service: 'indexed', handlers: { 'stock.reserved': async () => undefined }, store: recording });
    assert.deepEqual(
      ensured.map(([collection, index]) => `${collection}(${index.fields.join(',')})`).sort(),
      ['troupe_inbox(receivedAt)', 'troupe_outbox(status,leaseUntil)', 'troupe_outbox(status,seq)'],
    );
  });
});
