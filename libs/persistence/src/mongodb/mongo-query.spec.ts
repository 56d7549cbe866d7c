import assert from 'node:assert/strict';
import { InvalidNameError } from '../errors';
import { parseFindOptions, toMongoFilter, toMongoSort } from './mongo-query';

// No MongoDB server runs here, so the translation the adapter sends is checked on its own.
describe('mongodb query translation', () => {
  it('rebuilds filters from validated conditions, equality through $eq', () => {
    assert.deepEqual(toMongoFilter({ status: 'PENDING', total: { $gte: 10, $lt: 20 }, 'address.city': { $in: ['Lyon', null] }, express: true }), {
      status: { $eq: 'PENDING' },
      total: { $gte: 10, $lt: 20 },
      'address.city': { $in: ['Lyon', null] },
      express: { $eq: true },
    });
    assert.deepEqual(toMongoFilter(undefined), {});
  });

  it('keeps operators and hostile keys from reaching the server', () => {
    assert.throws(() => toMongoFilter({ $where: 'sleep(1000)' }), InvalidNameError);
    assert.throws(() => toMongoFilter({ status: { $ne: 'x' } }), TypeError);
    assert.throws(() => toMongoFilter({ status: { $eq: 'x' } }), TypeError);
    assert.throws(() => toMongoFilter({ status: { nested: { $gt: '' } } as never }), TypeError);
    assert.deepEqual(toMongoFilter({ status: '$expr' }), { status: { $eq: '$expr' } });
  });

  it('sorts with an _id tie-break like the SQLite adapter', () => {
    assert.deepEqual(toMongoSort(parseFindOptions({ sort: { createdAt: -1 } })), [['createdAt', -1], ['_id', 1]]);
    assert.deepEqual(toMongoSort(parseFindOptions({ sort: { _id: -1 } })), [['_id', -1]]);
  });
});
