import assert from 'node:assert/strict';
import { agreeingView, anOrder } from '../testing/order-fixtures';
import { compareView } from './compare-view';

describe('compareView', () => {
  const order = anOrder('o-1', '2025-01-01T00:00:10.000Z');

  it('finds nothing when the view agrees with the system of record', () => {
    assert.deepEqual(compareView(order, agreeingView(order)), []);
  });

  it('reports a missing view row', () => {
    assert.deepEqual(compareView(order, undefined), ['missing']);
  });

  it('reports a wrong status and a wrong reason', () => {
    const cancelled = anOrder('o-1', order.updatedAt, { status: 'CANCELLED', reason: 'payment_declined' });
    assert.deepEqual(compareView(cancelled, { ...agreeingView(cancelled), status: 'PENDING' }), ['status']);
    assert.deepEqual(compareView(cancelled, { ...agreeingView(cancelled), reason: 'timed_out' }), ['reason']);
    assert.deepEqual(compareView(order, { ...agreeingView(order), reason: 'timed_out' }), ['reason']);
  });

  it('treats a null reason like an absent one', () => {
    assert.deepEqual(compareView(order, { ...agreeingView(order), reason: null as unknown as undefined }), []);
  });

  it('reports a wrong total, comparing money in cents rather than as doubles', () => {
    assert.deepEqual(compareView(order, { ...agreeingView(order), total: 45.47 }), ['total']);
    const tenths = anOrder('o-2', order.updatedAt, { total: 0.3 });
    assert.deepEqual(compareView(tenths, { ...agreeingView(tenths), total: 0.1 + 0.2 }), []);
  });

  it('reports a stale version, and one ahead of the system of record too', () => {
    assert.deepEqual(compareView(order, { ...agreeingView(order), version: order.version - 1 }), ['version']);
    assert.deepEqual(compareView(order, { ...agreeingView(order), version: order.version + 5 }), ['version']);
  });

  it('reports a wrong customer and wrong items (sku, quantity, price, count)', () => {
    const view = agreeingView(order);
    assert.deepEqual(compareView(order, { ...view, customerId: 'someone-else' }), ['customerId']);
    assert.deepEqual(compareView(order, { ...view, items: [{ ...view.items[0]!, quantity: 3 }, view.items[1]!] }), ['items']);
    assert.deepEqual(compareView(order, { ...view, items: [{ ...view.items[0]!, unitPrice: 19.98 }, view.items[1]!] }), ['items']);
    assert.deepEqual(compareView(order, { ...view, items: [view.items[0]!] }), ['items']);
    assert.deepEqual(compareView(order, { ...view, items: [view.items[1]!, view.items[0]!] }), ['items']);
  });

  it('lists every difference at once', () => {
    const corrupted = { ...agreeingView(order), status: 'PENDING', total: 1, version: 1 };
    assert.deepEqual(compareView(order, corrupted), ['status', 'total', 'version']);
  });
});
