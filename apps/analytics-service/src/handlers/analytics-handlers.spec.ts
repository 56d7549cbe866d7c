import assert from 'node:assert/strict';
import { createEvent, orderCatalogue } from '@troupe/order-catalogue';
import { analyticsHandlers } from './analytics-handlers';
import { analyticsRoutes } from '../routes/analytics-routes';
import { analyticsServiceWorker } from '../worker';
import { adminHeaders, inMemoryService, type InMemoryService } from '@troupe/worker/testing';
import { newId as newOrderId } from '@troupe/contracts';
import { orderCancelled, orderConfirmed, orderRejected } from '@troupe/order-catalogue/testing';

const notified = (orderId: string) =>
  createEvent('customer.notified', { orderId, notificationId: newOrderId(), outcome: 'CONFIRMED', channel: 'store' }, { source: 'notification-service' });

describe('analytics-service handlers and routes', () => {
  let service: InMemoryService;
  beforeEach(async () => {
    service = await inMemoryService(orderCatalogue, 'analytics-service', analyticsHandlers(), analyticsRoutes);
    for (const [collection, indexes] of Object.entries(analyticsServiceWorker.indexes ?? {})) {
      for (const index of indexes) await service.store.ensureIndex(collection, index);
    }
  });
  afterEach(() => service.close());

  const get = async (url: string) => {
    const response = await service.http.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };
  const put = async (orderId: string, payload: object, headers: Record<string, string> = adminHeaders()) =>
    (await service.http.inject({ method: 'PUT', url: `/analytics/orders/${orderId}`, headers, payload })).statusCode;

  it('takes the repair PUT from an operator only (401 without the admin token, 403 with another); reads stay open', async () => {
    const orderId = newOrderId();
    assert.equal(await put(orderId, { outcome: 'CONFIRMED', total: 1 }, {}), 401);
    assert.equal(await put(orderId, { outcome: 'CONFIRMED', total: 1 }, adminHeaders('not-the-admin-token-0000')), 403);
    assert.equal((await get(`/analytics/orders/${orderId}`)).status, 404);
    assert.equal((await get('/analytics/summary')).status, 200);
  });

  it('counts each order once per outcome, with revenue of confirmed orders and cancellations per reason, under duplicates', async () => {
    const [a, b, c, d] = [newOrderId(), newOrderId(), newOrderId(), newOrderId()];
    for (const event of [orderConfirmed(a, 1999), orderConfirmed(a, 1999), orderConfirmed(b, 501), orderRejected(c), orderCancelled(d), orderCancelled(d), orderConfirmed(d)]) {
      await service.deliver(event);
    }
    await service.deliver(notified(a));
    await service.deliver(notified(a));
    const { body } = await get('/analytics/summary');
    assert.deepEqual(body.orders, { CONFIRMED: 2, REJECTED: 1, CANCELLED: 1 });
    assert.deepEqual(body.cancelledByReason, { payment_declined: 1 });
    assert.equal(body.revenue, 25);
    assert.equal(body.notificationsSent, 1);
    assert.deepEqual((await get(`/analytics/orders/${a}`)).body, { orderId: a, outcome: 'CONFIRMED', total: 19.99 });
    assert.equal((await get(`/analytics/orders/${newOrderId()}`)).status, 404);
  });

  it('pages the reconciler list by (updatedAt, orderId) without skipping or repeating', async () => {
    const ids = Array.from({ length: 7 }, () => newOrderId());
    for (const id of ids) await service.deliver(orderRejected(id));
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { status, body } = await get(`/analytics/orders?limit=3${after ? `&after=${after}` : ''}`);
      assert.equal(status, 200);
      seen.push(...body.orders.map((order: { orderId: string; updatedAt: string }) => order.orderId));
      if (!body.next) break;
      after = body.next;
    }
    assert.deepEqual([...seen].sort(), [...ids].sort());
    const future = new Date(Date.now() + 60_000).toISOString();
    assert.deepEqual((await get(`/analytics/orders?updatedSince=${future}`)).body, { orders: [] });
    assert.equal((await get('/analytics/orders?after=nonsense')).status, 400);
  });

  it('repairs drift with PUT and moves the summary by exactly the difference', async () => {
    const [confirmed, missing] = [newOrderId(), newOrderId()];
    await service.deliver(orderConfirmed(confirmed, 1000));
    assert.equal(await put(confirmed, { outcome: 'CANCELLED', total: 10, reason: 'timed_out' }), 200);
    assert.equal(await put(missing, { outcome: 'CONFIRMED', total: 19.99 }), 200);
    assert.equal(await put(missing, { outcome: 'CONFIRMED', total: 19.99 }), 200, 'idempotent');
    const { body } = await get('/analytics/summary');
    assert.deepEqual(body.orders, { CONFIRMED: 1, REJECTED: 0, CANCELLED: 1 });
    assert.deepEqual(body.cancelledByReason, { timed_out: 1 });
    assert.equal(body.revenue, 19.99);
    assert.deepEqual((await get(`/analytics/orders/${missing}`)).body, { orderId: missing, outcome: 'CONFIRMED', total: 19.99 });
    assert.equal(await put(missing, { outcome: 'LOST', total: 1 }), 400);
    assert.deepEqual(await service.deliver(orderCancelled(missing)), [], 'a late event after the repair counts nothing');
    assert.deepEqual((await get('/analytics/summary')).body.orders, { CONFIRMED: 1, REJECTED: 0, CANCELLED: 1 });
  });
});
