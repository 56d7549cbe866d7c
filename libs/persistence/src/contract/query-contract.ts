import assert from 'node:assert/strict';
import type { Store } from '../store';
import type { ContractContext } from './contract-context';

interface Order {
  _id: string;
  version?: number;
  status: string;
  totalCents: number;
  createdAt: string;
  express?: boolean;
  note?: string | null;
  address: { city: string };
}

const ORDERS: Order[] = [
  { _id: 'o1', status: 'PENDING', totalCents: 500, createdAt: '2024-01-01T10:00:00Z', express: true, address: { city: 'Lyon' } },
  { _id: 'o2', status: 'CONFIRMED', totalCents: 1500, createdAt: '2024-01-02T10:00:00Z', express: false, address: { city: 'Paris' } },
  { _id: 'o3', status: 'PENDING', totalCents: 2500, createdAt: '2024-01-03T10:00:00Z', note: null, address: { city: 'Paris' } },
  { _id: 'o4', status: 'CANCELLED', totalCents: 1500, createdAt: '2024-01-04T10:00:00Z', note: 'late', address: { city: 'Nice' } },
  { _id: 'o5', status: 'REJECTED', totalCents: 1, createdAt: '2024-01-05T10:00:00Z', express: true, address: { city: 'Lyon' } },
];

export function queryContract(context: ContractContext): void {
  let store: Store;
  const orders = () => store.collection<Order>('orders');
  const ids = (found: Order[]) => found.map((order) => order._id);
  beforeEach(async () => {
    store = await context.open();
    await store.ensureIndex('orders', { fields: ['status', 'createdAt'] });
    for (const order of ORDERS) await orders().insert(order);
  });

  it('finds everything without a filter, ordered by _id when unsorted', async () => {
    assert.deepEqual(ids(await orders().find()), ['o1', 'o2', 'o3', 'o4', 'o5']);
    assert.deepEqual(ids(await orders().find({})), ['o1', 'o2', 'o3', 'o4', 'o5']);
  });

  it('filters on equality of strings, numbers, booleans and nested fields', async () => {
    assert.deepEqual(ids(await orders().find({ status: 'PENDING' })), ['o1', 'o3']);
    assert.deepEqual(ids(await orders().find({ totalCents: 1500 })), ['o2', 'o4']);
    assert.deepEqual(ids(await orders().find({ express: true })), ['o1', 'o5']);
    assert.deepEqual(ids(await orders().find({ express: false })), ['o2']);
    assert.deepEqual(ids(await orders().find({ 'address.city': 'Paris' })), ['o2', 'o3']);
    assert.deepEqual(ids(await orders().find({ status: 'PENDING', 'address.city': 'Paris' })), ['o3']);
    assert.deepEqual(ids(await orders().find({ _id: 'o4' })), ['o4']);
  });

  it('does not confuse types: true is not 1, "1500" is not 1500', async () => {
    assert.deepEqual(ids(await orders().find({ totalCents: true })), []);
    assert.deepEqual(ids(await orders().find({ express: 1 })), []);
    assert.deepEqual(ids(await orders().find({ totalCents: '1500' })), []);
  });

  it('matches null against null and missing fields', async () => {
    assert.deepEqual(ids(await orders().find({ note: null })), ['o1', 'o2', 'o3', 'o5']);
  });

  it('filters with $in, and an empty $in matches nothing', async () => {
    assert.deepEqual(ids(await orders().find({ status: { $in: ['CONFIRMED', 'CANCELLED'] } })), ['o2', 'o4']);
    assert.deepEqual(ids(await orders().find({ _id: { $in: ['o5', 'o1', 'nope'] } })), ['o1', 'o5']);
    assert.deepEqual(ids(await orders().find({ status: { $in: [] } })), []);
  });

  it('filters on number and ISO-date ranges, bounds inclusive or not', async () => {
    assert.deepEqual(ids(await orders().find({ totalCents: { $gt: 500, $lte: 1500 } })), ['o2', 'o4']);
    assert.deepEqual(ids(await orders().find({ totalCents: { $gte: 500, $lt: 1500 } })), ['o1']);
    assert.deepEqual(ids(await orders().find({ createdAt: { $lt: '2024-01-03T00:00:00Z' } })), ['o1', 'o2']);
    assert.deepEqual(ids(await orders().find({ status: 'PENDING', createdAt: { $gte: '2024-01-02T00:00:00Z' } })), ['o3']);
    assert.deepEqual(ids(await orders().find({ status: { $gt: 1 } })), [], 'a number bound never matches strings');
  });

  it('sorts on one or more keys in either direction and limits', async () => {
    assert.deepEqual(ids(await orders().find({}, { sort: { totalCents: -1 } })), ['o3', 'o2', 'o4', 'o1', 'o5']);
    assert.deepEqual(ids(await orders().find({}, { sort: { totalCents: 1, createdAt: -1 } })), ['o5', 'o1', 'o4', 'o2', 'o3']);
    assert.deepEqual(ids(await orders().find({ status: { $in: ['PENDING', 'REJECTED'] } }, { sort: { createdAt: -1 }, limit: 2 })), ['o5', 'o3']);
    assert.deepEqual(ids(await orders().find({}, { limit: 0 })), []);
  });

  it('counts matching documents', async () => {
    assert.equal(await orders().count(), 5);
    assert.equal(await orders().count({ 'address.city': 'Lyon' }), 2);
    assert.equal(await orders().count({ totalCents: { $gt: 10_000 } }), 0);
    assert.equal(await store.collection('never-written').count(), 0);
  });

  it('treats hostile values as data, never as query text', async () => {
    assert.deepEqual(ids(await orders().find({ status: "PENDING' OR '1'='1" })), []);
    assert.deepEqual(ids(await orders().find({ _id: '" OR 1=1 --' })), []);
    assert.equal(await orders().get("o1' OR '1'='1"), undefined);
    assert.equal(await orders().count(), 5);
  });
}
