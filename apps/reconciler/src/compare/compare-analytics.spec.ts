import assert from 'node:assert/strict';
import { anOrder } from '../testing/order-fixtures';
import { compareAnalytics } from './compare-analytics';

describe('compareAnalytics', () => {
  const confirmed = anOrder('o-1', '2025-01-01T00:00:10.000Z');

  it('finds nothing when the line has the final status as outcome and the same total', () => {
    assert.deepEqual(compareAnalytics(confirmed, { orderId: 'o-1', outcome: 'CONFIRMED', total: 45.48 }), []);
  });

  it('reports a terminal order analytics does not know', () => {
    assert.deepEqual(compareAnalytics(confirmed, undefined), ['missing']);
  });

  it('reports a wrong outcome, a missing outcome and a wrong total', () => {
    assert.deepEqual(compareAnalytics(confirmed, { orderId: 'o-1', outcome: 'CANCELLED', total: 45.48 }), ['outcome']);
    assert.deepEqual(compareAnalytics(confirmed, { orderId: 'o-1', total: 45.48 }), ['outcome']);
    assert.deepEqual(compareAnalytics(confirmed, { orderId: 'o-1', outcome: 'CONFIRMED', total: 0 }), ['total']);
  });

  it('does not judge an order that has not ended', () => {
    const pending = anOrder('o-2', confirmed.updatedAt, { status: 'PENDING' });
    assert.deepEqual(compareAnalytics(pending, undefined), []);
    assert.deepEqual(compareAnalytics(pending, { orderId: 'o-2', outcome: 'CONFIRMED', total: 1 }), []);
  });
});
