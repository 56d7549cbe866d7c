import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createEvent } from '@troupe/order-catalogue';
import { adminHeaders } from '@troupe/worker/testing';
import { startRouteHarness, type RouteHarness } from '../testing/route-harness';
import { projectedEventsOf, sagaEvents } from '../testing/saga-events';

const repair = (orderId: string, overrides: Record<string, unknown> = {}) => ({
  orderId,
  status: 'CANCELLED',
  reason: 'timed_out',
  customerId: 'cust-1',
  items: [{ sku: 'SKU-001', quantity: 2, unitPrice: 19.99 }],
  total: 39.98,
  version: 3,
  notified: false,
  timeline: [
    { service: 'order-service', event: 'order.cancelled', at: '2026-01-01T00:00:05.000Z' },
    { service: 'order-service', event: 'order.created', at: '2026-01-01T00:00:00.000Z' },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('PUT /orders/:id (repair)', () => {
  let harness: RouteHarness;
  beforeEach(async () => {
    harness = await startRouteHarness({ now: () => new Date('2026-04-01T00:00:00.000Z') });
  });
  afterEach(async () => harness?.close());

  it('is an admin route: 401 without the token, 403 with another, and the row is untouched', async () => {
    const orderId = randomUUID();
    await harness.deliver(projectedEventsOf(sagaEvents('happy', { orderId }))[0]);
    const before = (await harness.http.inject({ method: 'GET', url: `/orders/${orderId}` })).json();
    assert.equal((await harness.http.inject({ method: 'PUT', url: `/orders/${orderId}`, payload: repair(orderId) })).statusCode, 401);
    assert.equal((await harness.http.inject({ method: 'PUT', url: `/orders/${orderId}`, headers: adminHeaders('not-the-admin-token-0000'), payload: repair(orderId) })).statusCode, 403);
    assert.deepEqual((await harness.http.inject({ method: 'GET', url: `/orders/${orderId}` })).json(), before);
  });

  it('replaces a drifted row with the given view, stamps updatedAt, and GET then shows it', async () => {
    const orderId = randomUUID();
    await harness.deliver(projectedEventsOf(sagaEvents('happy', { orderId }))[0]);
    const response = await harness.http.inject({ method: 'PUT', url: `/orders/${orderId}`, headers: adminHeaders(), payload: repair(orderId, { updatedAt: '2020-01-01T00:00:00.000Z' }) });
    assert.equal(response.statusCode, 200);
    const shown = (await harness.http.inject({ url: `/orders/${orderId}` })).json();
    assert.deepEqual(shown, response.json());
    assert.equal(shown.status, 'CANCELLED');
    assert.equal(shown.reason, 'timed_out');
    assert.equal(shown.version, 3);
    assert.equal(shown.updatedAt, '2026-04-01T00:00:00.000Z');
    assert.deepEqual(shown.timeline.map((step: { event: string }) => step.event), ['order.created', 'order.cancelled'], 'kept in time order');
  });

  it('creates a missing row (the view lost it)', async () => {
    const orderId = randomUUID();
    const response = await harness.http.inject({ method: 'PUT', url: `/orders/${orderId}`, headers: adminHeaders(), payload: repair(orderId, { orderId: undefined }) });
    assert.equal(response.statusCode, 200);
    assert.equal((await harness.http.inject({ url: `/orders/${orderId}` })).json().status, 'CANCELLED');
  });

  it('a repaired outcome is overridden only by a later order version', async () => {
    const orderId = randomUUID();
    await harness.http.inject({ method: 'PUT', url: `/orders/${orderId}`, headers: adminHeaders(), payload: repair(orderId, { status: 'CONFIRMED', reason: undefined, version: 2 }) });
    const stale = createEvent('order.cancelled', { orderId, customerId: 'cust-1', totalCents: 3998, reason: 'timed_out', orderVersion: 1 }, { source: 'order-service' });
    await harness.deliver(stale);
    assert.equal((await harness.http.inject({ url: `/orders/${orderId}` })).json().status, 'CONFIRMED');
    const later = createEvent('order.cancelled', { ...stale.data, orderVersion: 3 }, { source: 'order-service' });
    await harness.deliver(later);
    const view = (await harness.http.inject({ url: `/orders/${orderId}` })).json();
    assert.equal(view.status, 'CANCELLED');
    assert.equal(view.version, 3);
  });

  it('a repair satisfies a waiting ?minVersion request', async () => {
    await harness.close();
    harness = await startRouteHarness({ minVersionWaitMs: 15_000, rereadEveryMs: 60_000 });
    const orderId = randomUUID();
    const answer = harness.http.inject({ url: `/orders/${orderId}?minVersion=3` });
    for (let turns = 0; harness.changes.waitingOrders() === 0; turns++) {
      assert.ok(turns < 1000, 'the request never started waiting');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await harness.http.inject({ method: 'PUT', url: `/orders/${orderId}`, headers: adminHeaders(), payload: repair(orderId) });
    assert.equal((await answer).statusCode, 200);
  });

  it('400 naming the invalid, missing and unknown fields', async () => {
    const orderId = randomUUID();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [repair(orderId, { status: 'DONE' }), ['status']],
      [repair(orderId, { status: undefined, version: undefined }), ['status', 'version']],
      [repair(orderId, { items: [{ sku: 'SKU-001', quantity: 0, unitPrice: 0 }] }), ['items[0].quantity', 'items[0].unitPrice']],
      [repair(orderId, { timeline: [{ service: 'x', event: 'y', at: 'later' }] }), ['timeline[0].at']],
      [repair(orderId, { colour: 'red' }), ['colour']],
      [repair(orderId, { orderId: randomUUID() }), ['orderId']],
    ];
    for (const [payload, fields] of cases) {
      const response = await harness.http.inject({ method: 'PUT', url: `/orders/${orderId}`, headers: adminHeaders(), payload });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual([...new Set(response.json().fields.map((entry: { field: string }) => entry.field))].sort(), fields.sort(), response.body);
    }
    assert.equal((await harness.http.inject({ url: `/orders/${orderId}` })).statusCode, 404, 'nothing was written');
  });
});
