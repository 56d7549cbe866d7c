import assert from 'node:assert/strict';
import { ConcurrencyError, DuplicateKeyError } from '../errors';
import type { Store } from '../store';
import type { ContractContext } from './contract-context';

interface Customer {
  _id: string;
  version?: number;
  email: string;
  name: string;
  tier?: string;
}

export function crudContract(context: ContractContext): void {
  let store: Store;
  beforeEach(async () => {
    store = await context.open();
  });
  const customers = () => store.collection<Customer>('customers');

  it('inserts a document with version 1 and gets it back by _id', async () => {
    const inserted = await customers().insert({ _id: 'c1', email: 'ann@example.com', name: 'Ann', version: 7 });
    assert.deepEqual(inserted, { _id: 'c1', email: 'ann@example.com', name: 'Ann', version: 1 });
    assert.deepEqual(await customers().get('c1'), inserted);
    assert.equal(await customers().get('missing'), undefined);
  });

  it('rejects a second document with the same _id and keeps the first', async () => {
    await customers().insert({ _id: 'c1', email: 'ann@example.com', name: 'Ann' });
    await assert.rejects(customers().insert({ _id: 'c1', email: 'bob@example.com', name: 'Bob' }), (error: unknown) => {
      assert.ok(error instanceof DuplicateKeyError);
      assert.equal(error.collection, 'customers');
      assert.equal(error.id, 'c1');
      assert.equal(error.index, undefined);
      return true;
    });
    assert.equal((await customers().get('c1'))?.name, 'Ann');
  });

  it('enforces a unique secondary index on insert and on update, idempotently declared', async () => {
    await store.ensureIndex('customers', { fields: ['email'], unique: true });
    await store.ensureIndex('customers', { fields: ['email'], unique: true });
    await customers().insert({ _id: 'c1', email: 'ann@example.com', name: 'Ann' });
    const bob = await customers().insert({ _id: 'c2', email: 'bob@example.com', name: 'Bob' });
    await assert.rejects(customers().insert({ _id: 'c3', email: 'ann@example.com', name: 'Impostor' }), (error: unknown) => {
      assert.ok(error instanceof DuplicateKeyError);
      assert.equal(error.id, 'c3');
      assert.equal(error.index, 'email');
      return true;
    });
    await assert.rejects(customers().update({ ...bob, email: 'ann@example.com' }, 1), DuplicateKeyError);
    assert.equal(await customers().count(), 2);
    assert.equal((await customers().get('c2'))?.email, 'bob@example.com');
  });

  it('lets a non-unique index hold equal values', async () => {
    await store.ensureIndex('customers', { fields: ['tier', 'name'] });
    await customers().insert({ _id: 'c1', email: 'a@x', name: 'Ann', tier: 'gold' });
    await customers().insert({ _id: 'c2', email: 'b@x', name: 'Ann', tier: 'gold' });
    assert.equal(await customers().count({ tier: 'gold', name: 'Ann' }), 2);
  });

  it('updates at the expected version and bumps it', async () => {
    const ann = await customers().insert({ _id: 'c1', email: 'ann@example.com', name: 'Ann' });
    const renamed = await customers().update({ ...ann, name: 'Anne' }, 1);
    assert.equal(renamed.version, 2);
    const again = await customers().update({ ...renamed, tier: 'gold' }, 2);
    assert.deepEqual(await customers().get('c1'), again);
    assert.equal(again.version, 3);
  });

  it('refuses an update from a stale version with a ConcurrencyError naming both versions', async () => {
    const ann = await customers().insert({ _id: 'c1', email: 'ann@example.com', name: 'Ann' });
    await customers().update({ ...ann, name: 'First writer' }, 1);
    await assert.rejects(customers().update({ ...ann, name: 'Second writer' }, 1), (error: unknown) => {
      assert.ok(error instanceof ConcurrencyError);
      assert.deepEqual([error.collection, error.id, error.expectedVersion, error.actualVersion], ['customers', 'c1', 1, 2]);
      assert.match(error.message, /customers\/c1.*expected version 1.*found version 2/);
      return true;
    });
    assert.equal((await customers().get('c1'))?.name, 'First writer');
  });

  it('refuses an update of a document that does not exist', async () => {
    await assert.rejects(customers().update({ _id: 'ghost', email: 'g@x', name: 'Ghost' }, 1), (error: unknown) => {
      assert.ok(error instanceof ConcurrencyError);
      assert.equal(error.actualVersion, undefined);
      return true;
    });
    assert.equal(await customers().get('ghost'), undefined);
  });

  it('upserts: inserts at version 1, then replaces whole without a version check', async () => {
    const first = await customers().upsert({ _id: 'c1', email: 'ann@example.com', name: 'Ann', tier: 'gold' });
    assert.equal(first.version, 1);
    const second = await customers().upsert({ _id: 'c1', email: 'ann@example.com', name: 'Ann B.' });
    assert.equal(second.version, 2);
    assert.deepEqual(await customers().get('c1'), { _id: 'c1', email: 'ann@example.com', name: 'Ann B.', version: 2 });
  });

  it('deletes one document by _id and reports whether it existed', async () => {
    await customers().insert({ _id: 'c1', email: 'a@x', name: 'Ann' });
    assert.equal(await customers().delete('c1'), true);
    assert.equal(await customers().delete('c1'), false);
    assert.equal(await customers().get('c1'), undefined);
  });

  it('deletes every matching document and only those', async () => {
    for (const [id, tier] of [['c1', 'gold'], ['c2', 'gold'], ['c3', 'silver']]) {
      await customers().insert({ _id: id, email: `${id}@x`, name: id, tier });
    }
    assert.equal(await customers().deleteMany({ tier: 'gold' }), 2);
    assert.deepEqual((await customers().find()).map((c) => c._id), ['c3']);
    assert.equal(await customers().deleteMany({ tier: 'gold' }), 0);
  });
}
