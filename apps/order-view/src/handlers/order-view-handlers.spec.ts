import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { orderViewManifest } from '@troupe/order-catalogue';
import { startRouteHarness } from '../testing/route-harness';
import { eventOfType, sagaEvents } from '../testing/saga-events';
import { orderViewHandlers } from './order-view-handlers';
import { orderViewsCollection, type OrderViewRow } from '../store/order-view-row';
import { ViewChanges } from '../store/view-changes';

describe('order-view handlers', () => {
  it('consume exactly the events of the order-view manifest', () => {
    const consumed = Object.keys(orderViewHandlers(new ViewChanges())).sort();
    assert.deepEqual(consumed, orderViewManifest.reactions.map((reaction) => reaction.on).sort());
  });

  it('write a row once per distinct event: a redelivered event leaves the row (and its updatedAt) untouched', async () => {
    let now = new Date('2026-05-01T00:00:00.000Z');
    const harness = await startRouteHarness({ now: () => now });
    try {
      const orderId = randomUUID();
      const saga = sagaEvents('happy', { orderId });
      const [created, confirmed] = [eventOfType(saga, 'order.created'), eventOfType(saga, 'order.confirmed')];
      await harness.deliver(created);
      now = new Date('2026-05-01T00:00:01.000Z');
      await harness.deliver(confirmed);
      const rows = harness.store.collection<OrderViewRow>(orderViewsCollection);
      const before = await rows.get(orderId);
      now = new Date('2026-05-01T00:00:02.000Z');
      await harness.deliver(created);
      await harness.deliver(confirmed);
      const after = await rows.get(orderId);
      assert.deepEqual(after, before);
      assert.equal(after!.version, 2, 'two writes in the store');
      assert.equal(after!.updatedAt, '2026-05-01T00:00:01.000Z');
    } finally {
      await harness.close();
    }
  });
});
