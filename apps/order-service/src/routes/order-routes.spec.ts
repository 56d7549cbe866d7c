import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { outboxCollection, type HandlerContext, type OutboxRow } from '@troupe/messaging';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import { ChangeSignal, createHttpServer, createLogger, createMetrics, startWorker, type RunningWorker } from '@troupe/worker';
import { announcingChanges } from '../handlers';
import { registerGetOrderRoute } from './get-order-route';
import { orderServiceWorker } from '../worker';
import { ordersCollection, type OrderDocument } from '../orders/order-document';

// No broker on purpose: the routes' contract is the store transaction; what the outbox holds is checked here
// and its publication belongs to the integration test.
const unreachableBroker = 'amqp://guest:guest@127.0.0.1:9';

const validOrder = () => ({
  customerId: 'cust-1',
  items: [
    { sku: 'SKU-001', quantity: 2, unitPrice: 19.99 },
    { sku: 'SKU-002', quantity: 1, unitPrice: 5 },
  ],
  paymentToken: 'tok_ok',
  shippingAddress: { name: 'Ada', line1: '1 Loop Rd', city: 'Paris', postalCode: '75001', country: 'FR' },
});

describe('order-service routes (in-process, SQLite, no broker)', function () {
  this.timeout(30_000);
  let dataDir: string;
  let worker: RunningWorker;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'order-routes-'));
    worker = await startWorker(orderServiceWorker, {
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, RABBITMQ_URL: unreachableBroker, DEADLINE_SWEEP_INTERVAL_MS: '3600000' },
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
  });
  after(async () => {
    await worker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    worker.http.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const outboxTypesFor = async (orderId: string) =>
    (await worker.context.store.collection<OutboxRow>(outboxCollection).find({ sagaId: orderId }, { sort: { seq: 1 } })).map((row) => row.routingKey);

  it('places an order: 202 PENDING v1, the order readable in decimal units, order.created in the outbox', async () => {
    const placed = await post('/orders', validOrder());
    assert.equal(placed.statusCode, 202);
    const { orderId, status, version } = placed.json();
    assert.deepEqual({ status, version }, { status: 'PENDING', version: 1 });

    const read = await worker.http.inject({ method: 'GET', url: `/orders/${orderId}` });
    assert.equal(read.statusCode, 200);
    const order = read.json();
    assert.deepEqual(order.items, validOrder().items);
    assert.equal(order.total, 44.98);
    assert.equal(order.customerId, 'cust-1');
    assert.equal(Date.parse(order.deadline) - Date.parse(order.createdAt), 30_000);
    assert.deepEqual(await outboxTypesFor(orderId), ['order.created']);
  });

  it('answers 400 naming every invalid field', async () => {
    const body = { ...validOrder(), customerId: '', items: [{ sku: 'SKU-001', quantity: 0, unitPrice: 1.234 }], shippingAddress: { ...validOrder().shippingAddress, country: 'ZZ' } };
    const response = await post('/orders', body);
    assert.equal(response.statusCode, 400);
    const fields = (response.json().fields as { field: string }[]).map((entry) => entry.field).sort();
    assert.deepEqual(fields, ['customerId', 'items[0].quantity', 'items[0].unitPrice', 'shippingAddress.country']);
    assert.match(response.json().message, /items\[0\]\.quantity/);
  });

  it('answers 400 on malformed JSON and 413 over 64 KB, naming the limit', async () => {
    assert.equal((await post('/orders', '{"customerId": ')).statusCode, 400);
    const huge = { ...validOrder(), customerId: 'x'.repeat(70_000) };
    const tooLarge = await post('/orders', huge);
    assert.equal(tooLarge.statusCode, 413);
    assert.equal(tooLarge.json().message, 'body exceeds the 64 KiB limit');
  });

  it('refuses unknown fields with a 400 naming each, and places no order', async () => {
    const before = await worker.context.store.collection<OrderDocument>(ordersCollection).count();
    const body = { ...validOrder(), giftWrap: true, items: [{ ...validOrder().items[0]!, discount: 5 }], shippingAddress: { ...validOrder().shippingAddress, line2: 'Apt 4' } };
    const response = await post('/orders', body);
    assert.equal(response.statusCode, 400);
    assert.deepEqual((response.json().fields as { field: string }[]).map((entry) => entry.field), ['giftWrap', 'items[0].discount', 'shippingAddress.line2']);
    assert.match(response.json().message, /giftWrap is not allowed \(known fields: customerId, items, paymentToken, shippingAddress\)/);
    assert.equal(await worker.context.store.collection<OrderDocument>(ordersCollection).count(), before);
  });

  it('answers 415 to a form-encoded body, saying to send application/json', async () => {
    const response = await worker.http.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'customerId=cust-1&paymentToken=tok_ok',
    });
    assert.equal(response.statusCode, 415);
    assert.match(response.json().message, /application\/x-www-form-urlencoded is not accepted: send JSON with Content-Type: application\/json/);
  });

  it('returns the same order for a retried POST with the same Idempotency-Key, 422 for another body', async () => {
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt += 1) answers.push(await post('/orders', validOrder(), headers));
    assert.deepEqual(new Set(answers.map((answer) => answer.statusCode)), new Set([202]));
    const ids = new Set(answers.map((answer) => answer.json().orderId));
    assert.equal(ids.size, 1);
    const [orderId] = [...ids] as string[];
    assert.deepEqual(await outboxTypesFor(orderId!), ['order.created']);

    const other = await post('/orders', { ...validOrder(), customerId: 'cust-2' }, headers);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().orderId, orderId);
  });

  it('gives concurrent duplicates one order', async () => {
    const headers = { 'idempotency-key': `race-${Date.now()}` };
    const answers = await Promise.all(Array.from({ length: 4 }, () => post('/orders', validOrder(), headers)));
    assert.deepEqual(answers.map((answer) => answer.statusCode), [202, 202, 202, 202]);
    assert.equal(new Set(answers.map((answer) => answer.json().orderId)).size, 1);
  });

  it('cancels a PENDING order once (202, idempotent), 404 for an unknown one, 409 on a terminal one', async () => {
    const { orderId } = (await post('/orders', validOrder())).json();
    const first = await post(`/orders/${orderId}/cancel`, {});
    assert.equal(first.statusCode, 202);
    assert.deepEqual(first.json(), { orderId, status: 'PENDING', version: 2 });
    const again = await post(`/orders/${orderId}/cancel`, {});
    assert.equal(again.statusCode, 202);
    assert.equal(again.json().version, 2);
    assert.deepEqual(await outboxTypesFor(orderId), ['order.created', 'order.cancellation-requested']);

    assert.equal((await post('/orders/no-such-order/cancel', {})).statusCode, 404);
    assert.equal((await worker.http.inject({ method: 'GET', url: '/orders/no-such-order' })).statusCode, 404);

    const orders = worker.context.store.collection<OrderDocument>(ordersCollection);
    const stored = (await orders.get(orderId))!;
    await orders.update({ ...stored, status: 'CONFIRMED' }, stored.version);
    const conflict = await post(`/orders/${orderId}/cancel`, {});
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.json().status, 'CONFIRMED');
  });

  describe('GET /orders/:id?wait=terminal', () => {
    const get = (url: string) => worker.http.inject({ method: 'GET', url });
    const orderStore = () => worker.context.store.collection<OrderDocument>(ordersCollection);
    const changes = () => (worker.context.state as { orderChanges: { waitingOrders(): number } }).orderChanges;

    it('answers 202 with Retry-After and the PENDING order once waitMs runs out', async () => {
      const { orderId } = (await post('/orders', validOrder())).json();
      const started = Date.now();
      const response = await get(`/orders/${orderId}?wait=terminal&waitMs=50`);
      assert.equal(response.statusCode, 202);
      assert.equal(response.headers['retry-after'], '1');
      assert.equal(response.json().status, 'PENDING');
      assert.equal(response.json().orderId, orderId);
      assert.ok(Date.now() - started >= 45, 'it waited');
      assert.equal(changes().waitingOrders(), 0, 'no waiter is left behind');
    });

    it('answers 200 at once for a terminal order, 404 for an unknown one without waiting', async () => {
      const { orderId } = (await post('/orders', validOrder())).json();
      const stored = (await orderStore().get(orderId))!;
      await orderStore().update({ ...stored, status: 'REJECTED', reason: 'insufficient_stock' }, stored.version);
      const response = await get(`/orders/${orderId}?wait=terminal&waitMs=10000`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().status, 'REJECTED');
      const started = Date.now();
      assert.equal((await get('/orders/no-such-order?wait=terminal&waitMs=10000')).statusCode, 404);
      assert.ok(Date.now() - started < 5_000);
    });

    it("is answered 200 by the participant event's handler that makes the order terminal", async () => {
      // The route on its own server with re-reads effectively off: only the handler's wake-up can answer in time.
      const signal = new ChangeSignal();
      const http = createHttpServer({ logger: createLogger('order-service', 'silent'), registry: createMetrics('order-service').registry, checks: {} });
      registerGetOrderRoute(http, { store: worker.context.store, changes: signal, waitMs: 15_000, rereadEveryMs: 60_000 });
      await http.ready();
      try {
        const { orderId } = (await post('/orders', validOrder())).json();
        const answer = http.inject({ method: 'GET', url: `/orders/${orderId}?wait=terminal` });
        for (let turns = 0; signal.waitingOrders() === 0; turns++) {
          assert.ok(turns < 1000, 'the request never started waiting');
          await new Promise((resolve) => setImmediate(resolve));
        }
        // The handler the worker registers for it, driven in a store transaction as the pipeline does (no broker here).
        const apply = announcingChanges(signal);
        const failed = sampleEvent('stock.reservation-failed', { orderId });
        await worker.context.store.transaction((session) => apply(failed, { store: session, emit: async () => undefined } as unknown as HandlerContext));
        const response = await answer;
        assert.equal(response.statusCode, 200);
        assert.equal(response.json().status, 'REJECTED');
      } finally {
        await http.close();
      }
    });

    it('validates wait and waitMs (terminal only, 0 to 10000 ms)', async () => {
      for (const [query, message] of [
        ['wait=soon', 'wait must be one of "terminal"'],
        ['wait=terminal&waitMs=60000', 'waitMs must be <= 10000'],
        ['wait=terminal&waitMs=1.5', 'waitMs must be integer'],
        ['colour=red', 'colour is not allowed'],
      ]) {
        const response = await get(`/orders/some-order?${query}`);
        assert.equal(response.statusCode, 400, query);
        assert.equal(response.json().message, `invalid querystring: ${message}`, query);
      }
    });
  });

  it('pages every order by (updatedAt, orderId) for the reconciler', async () => {
    for (let index = 0; index < 3; index += 1) await post('/orders', validOrder());
    const all = await worker.context.store.collection<OrderDocument>(ordersCollection).count();
    const seen: string[] = [];
    let query = 'limit=2';
    for (let pages = 0; pages < 50; pages += 1) {
      const page = (await worker.http.inject({ method: 'GET', url: `/orders?${query}` })).json();
      seen.push(...page.orders.map((order: { orderId: string }) => order.orderId));
      if (!page.next) break;
      query = `limit=2&updatedSince=${encodeURIComponent(page.next.updatedSince)}&after=${encodeURIComponent(page.next.after)}`;
    }
    assert.equal(seen.length, all);
    assert.equal(new Set(seen).size, all);
    assert.equal((await worker.http.inject({ method: 'GET', url: '/orders?limit=501' })).statusCode, 400);
    assert.equal((await worker.http.inject({ method: 'GET', url: '/orders?updatedSince=yesterday' })).statusCode, 400);
  });
});
