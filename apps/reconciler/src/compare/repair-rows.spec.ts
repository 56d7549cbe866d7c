import assert from 'node:assert/strict';
import { agreeingView, anOrder } from '../testing/order-fixtures';
import { compareView } from './compare-view';
import { analyticsLineFromRecord, viewRowFromRecord } from './repair-rows';

describe('repair rows', () => {
  const order = anOrder('o-1', '2025-01-01T00:00:10.000Z', { status: 'CANCELLED', reason: 'shipping_failed' });

  it('rebuilds a view row that agrees with the system of record, keeping the view timeline', () => {
    const corrupted = { ...agreeingView(order), status: 'PENDING', total: 3, reason: undefined };
    const repaired = viewRowFromRecord(order, corrupted);
    assert.deepEqual(compareView(order, repaired), []);
    assert.deepEqual(repaired.timeline, corrupted.timeline);
    assert.equal(repaired.reason, 'shipping_failed');
  });

  it('starts an empty timeline for a row that was missing', () => {
    const rebuilt = viewRowFromRecord(order, undefined);
    assert.deepEqual(rebuilt.timeline, []);
    assert.deepEqual(compareView(order, rebuilt), []);
  });

  it('gives analytics the final status as outcome with the total', () => {
    assert.deepEqual(analyticsLineFromRecord(order), { outcome: 'CANCELLED', total: 45.48 });
  });
});
