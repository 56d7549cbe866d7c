import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startRouteHarness, type RouteHarness } from '../testing/route-harness';
import { eventOfType, projectedEventsOf, sagaEvents } from '../testing/saga-events';

describe('GET /orders/:id', () => {
  let harness: RouteHarness;
  afterEach(async () => harness?.close());

  it('answers 404 for an order the view has not seen', async () => {
    harness = await startRouteHarness();
    const response = await harness.http.inject({ url: `/orders/${randomUUID()}` });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error, 'Not Found');
  });

  it('answers the projected view: status, reason, customer, decimal items and total, version, timeline', async () => {
    harness = await startRouteHarness({ now: () => new Date('2026-02-01T00:00:00.000Z') });
    const orderId = randomUUID();
    const events = projectedEventsOf(sagaEvents('shipping-failed', { orderId }));
    for (const event of events) await harness.deliver(event);
    const response = await harness.http.inject({ url: `/orders/${orderId}` });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(
      { ...body, timeline: undefined },
      {
        orderId,
        status: 'CANCELLED',
        reason: 'shipping_failed',
        customerId: 'cust-1',
        items: [
          { sku: 'SKU-001', quantity: 2, unitPrice: 19.99 },
          { sku: 'SKU-002', quantity: 1, unitPrice: 5 },
        ],
        total: 44.98,
        version: 3,
        notified: true,
        timeline: undefined,
        createdAt: events[0].time,
        updatedAt: '2026-02-01T00:00:00.000Z',
      },
    );
    assert.deepEqual(
      body.timeline.map((step: { service: string; event: string }) => `${step.service} ${step.event}`),
      [
        'order-service order.created',
        'inventory-service stock.reserved',
        'payment-service payment.captured',
        'shipping-service shipment.failed',
        'payment-service payment.refunded',
        'inventory-service stock.released',
        'order-service order.cancelled',
        'notification-service customer.notified',
      ],
    );
  });

  it('?minVersion=N answers 200 at once when the view has reached N', async () => {
    harness = await startRouteHarness({ minVersionWaitMs: 60_000 });
    const orderId = randomUUID();
    for (const event of projectedEventsOf(sagaEvents('happy', { orderId }))) await harness.deliver(event);
    const response = await harness.http.inject({ url: `/orders/${orderId}?minVersion=2` });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().version, 2);
  });

  it('?minVersion=N answers 202 with Retry-After and the current view when the wait runs out', async () => {
    harness = await startRouteHarness({ minVersionWaitMs: 20 });
    const orderId = randomUUID();
    await harness.deliver(projectedEventsOf(sagaEvents('happy', { orderId }))[0]);
    const response = await harness.http.inject({ url: `/orders/${orderId}?minVersion=2` });
    assert.equal(response.statusCode, 202);
    assert.equal(response.headers['retry-after'], '1');
    assert.equal(response.json().version, 1);
    assert.equal(response.json().status, 'PENDING');
    assert.equal(harness.changes.waitingOrders(), 0, 'no waiter is left behind');
  });

  it('?minVersion=1 for an order not projected yet answers 202 (not 404): a client just created it', async () => {
    harness = await startRouteHarness({ minVersionWaitMs: 20 });
    const orderId = randomUUID();
    const response = await harness.http.inject({ url: `/orders/${orderId}?minVersion=1` });
    assert.equal(response.statusCode, 202);
    assert.equal(response.headers['retry-after'], '1');
    assert.deepEqual(response.json(), { orderId, version: 0 });
  });

  it('a waiting ?minVersion request is answered 200 as soon as the projection commits the version', async () => {
    // Re-reads are effectively off, so only the wake-up from the handler can answer within the bound.
    harness = await startRouteHarness({ minVersionWaitMs: 15_000, rereadEveryMs: 60_000 });
    const orderId = randomUUID();
    const saga = sagaEvents('happy', { orderId });
    const [created, confirmed] = [eventOfType(saga, 'order.created'), eventOfType(saga, 'order.confirmed')];
    await harness.deliver(created);
    const answer = harness.http.inject({ url: `/orders/${orderId}?minVersion=2` });
    for (let turns = 0; harness.changes.waitingOrders() === 0; turns++) {
      assert.ok(turns < 1000, 'the request never started waiting');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await harness.deliver(confirmed);
    const response = await answer;
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().version, 2);
    assert.equal(response.json().status, 'CONFIRMED');
  });

  it('?wait=terminal answers 200 at once for an order the view already has as terminal', async () => {
    harness = await startRouteHarness({ minVersionWaitMs: 60_000 });
    const orderId = randomUUID();
    for (const event of projectedEventsOf(sagaEvents('happy', { orderId }))) await harness.deliver(event);
    const started = Date.now();
    const response = await harness.http.inject({ url: `/orders/${orderId}?wait=terminal` });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().status, 'CONFIRMED');
    assert.ok(Date.now() - started < 5_000);
  });

  it('a waiting ?wait=terminal request is answered 200 as soon as the outcome is projected, not before', async () => {
    // Re-reads are effectively off, so only the wake-ups from the handler can move the request on.
    harness = await startRouteHarness({ minVersionWaitMs: 15_000, rereadEveryMs: 60_000 });
    const orderId = randomUUID();
    const saga = sagaEvents('happy', { orderId });
    await harness.deliver(eventOfType(saga, 'order.created'));
    let answered = false;
    const answer = harness.http.inject({ url: `/orders/${orderId}?wait=terminal` }).then((response) => {
      answered = true;
      return response;
    });
    for (let turns = 0; harness.changes.waitingOrders() === 0; turns++) {
      assert.ok(turns < 1000, 'the request never started waiting');
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A step that leaves the order PENDING wakes the request, which goes back to waiting.
    await harness.deliver(eventOfType(saga, 'stock.reserved'));
    for (let turns = 0; turns < 20; turns++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(answered, false, 'answered while still PENDING');
    assert.equal(harness.changes.waitingOrders(), 1);
    await harness.deliver(eventOfType(saga, 'order.confirmed'));
    const response = await answer;
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().status, 'CONFIRMED');
  });

  it('?wait=terminal&waitMs=N bounds the wait by N, then answers 202 with Retry-After and the PENDING view', async () => {
    harness = await startRouteHarness({ minVersionWaitMs: 60_000 });
    const orderId = randomUUID();
    await harness.deliver(projectedEventsOf(sagaEvents('happy', { orderId }))[0]);
    const started = Date.now();
    const response = await harness.http.inject({ url: `/orders/${orderId}?wait=terminal&waitMs=30` });
    assert.equal(response.statusCode, 202);
    assert.equal(response.headers['retry-after'], '1');
    assert.equal(response.json().status, 'PENDING');
    assert.ok(Date.now() - started < 5_000, 'waitMs overrides the configured bound');
    assert.equal(harness.changes.waitingOrders(), 0, 'no waiter is left behind');
    const notYetProjected = await harness.http.inject({ url: `/orders/${randomUUID()}?wait=terminal&waitMs=0` });
    assert.equal(notYetProjected.statusCode, 202);
  });

  it('?wait= and ?waitMs= are validated: terminal only, 0 to 10000 ms', async () => {
    harness = await startRouteHarness();
    const orderId = randomUUID();
    for (const [query, message] of [
      ['wait=confirmed', 'wait must be one of "terminal"'],
      ['wait=terminal&waitMs=10001', 'waitMs must be <= 10000'],
      ['wait=terminal&waitMs=-1', 'waitMs must be >= 0'],
      ['wait=terminal&waitMs=soon', 'waitMs must be integer'],
    ]) {
      const response = await harness.http.inject({ url: `/orders/${orderId}?${query}` });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().message, `invalid querystring: ${message}`, query);
    }
  });

  it('400 naming minVersion when it is not a non-negative integer, and unknown parameters', async () => {
    harness = await startRouteHarness();
    const orderId = randomUUID();
    for (const [query, field] of [
      ['minVersion=abc', 'minVersion'],
      ['minVersion=-1', 'minVersion'],
      ['minVersion=1.5', 'minVersion'],
      ['minVersoin=1', 'minVersoin'],
    ]) {
      const response = await harness.http.inject({ url: `/orders/${orderId}?${query}` });
      assert.equal(response.statusCode, 400, query);
      assert.deepEqual(response.json().fields.map((entry: { field: string }) => entry.field), [field], query);
    }
  });
});
