import assert from 'node:assert/strict';
import { InvalidNameError } from '../errors';
import type { Store } from '../store';
import type { ContractContext } from './contract-context';

const BAD_COLLECTIONS = ['', 'orders; DROP TABLE orders', 'a"b', '$cmd', 'system.users', 'sqlite_master', '1orders', 'x'.repeat(64)];
const BAD_FIELDS = ["status') OR 1=1 --", '$where', 'a..b', '', 'status"', '1st', 'a b'];

export function namesContract(context: ContractContext): void {
  let store: Store;
  beforeEach(async () => {
    store = await context.open();
  });

  it('rejects collection names that are not plain identifiers', async () => {
    for (const name of BAD_COLLECTIONS) {
      assert.throws(() => store.collection(name), InvalidNameError, name);
      await assert.rejects(store.ensureIndex(name, { fields: ['a'] }), InvalidNameError, name);
    }
    await store.transaction(async (session) => {
      assert.throws(() => session.collection('bad name'), InvalidNameError);
    });
    assert.doesNotThrow(() => store.collection('order-view_2'));
  });

  it('rejects bad field names in filters, sorts and indexes, and unknown operators', async () => {
    const orders = store.collection<{ _id: string; status: string }>('orders');
    await orders.insert({ _id: 'o1', status: 'PENDING' });
    for (const field of BAD_FIELDS) {
      await assert.rejects(orders.find({ [field]: 'x' }), InvalidNameError, field);
      await assert.rejects(orders.find({}, { sort: { [field]: 1 } }), InvalidNameError, field);
      await assert.rejects(orders.deleteMany({ [field]: 'x' }), InvalidNameError, field);
      await assert.rejects(store.ensureIndex('orders', { fields: [field] }), InvalidNameError, field);
    }
    await assert.rejects(orders.find({ status: { $where: 'sleep(1000)' } as never }), TypeError);
    await assert.rejects(orders.find({ status: { $ne: 'x' } as never }), TypeError);
    await assert.rejects(orders.deleteMany({ status: undefined as never }), TypeError, 'an undefined condition must not mean "match all"');
    assert.equal(await orders.count(), 1);
  });
}
