import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fetchAllPages } from '../testing/fetch-pages';
import { startRouteHarness, type RouteHarness } from '../testing/route-harness';
import { projectedEventsOf, sagaEvents, type SagaOutcome } from '../testing/saga-events';

describe('GET /orders', () => {
  let harness: RouteHarness;
  const placed: Array<{ orderId: string; customerId: string; status: string }> = [];

  before(async () => {
    harness = await startRouteHarness();
    const plan: Array<[SagaOutcome, string, string]> = [
      ['happy', 'cust-a', 'CONFIRMED'],
      ['happy', 'cust-b', 'CONFIRMED'],
      ['stock-failure', 'cust-a', 'REJECTED'],
      ['payment-declined', 'cust-a', 'CANCELLED'],
      ['timeout', 'cust-b', 'CANCELLED'],
      ['happy', 'cust-a', 'CONFIRMED'],
      ['customer-cancel', 'cust-c', 'CANCELLED'],
    ];
    for (const [outcome, customerId, status] of plan) {
      const orderId = randomUUID();
      for (const event of projectedEventsOf(sagaEvents(outcome, { orderId, customerId }))) await harness.deliver(event);
      placed.push({ orderId, customerId, status });
    }
    const pendingId = randomUUID();
    await harness.deliver(projectedEventsOf(sagaEvents('happy', { orderId: pendingId, customerId: 'cust-a' }))[0]);
    placed.push({ orderId: pendingId, customerId: 'cust-a', status: 'PENDING' });
  });
  after(async () => harness?.close());

  const idsWhere = (keep: (order: (typeof placed)[number]) => boolean) => placed.filter(keep).map((order) => order.orderId).sort();

  it('lists every order by order id, 50 per page by default, without next when it all fits', async () => {
    const response = await harness.http.inject({ url: '/orders' });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(body.orders.map((order: { orderId: string }) => order.orderId), idsWhere(() => true));
    assert.equal(body.next, undefined);
  });

  it('filters by status, by customer, and by both', async () => {
    for (const [query, keep] of [
      ['status=CANCELLED', (o: (typeof placed)[number]) => o.status === 'CANCELLED'],
      ['status=PENDING', (o: (typeof placed)[number]) => o.status === 'PENDING'],
      ['customerId=cust-a', (o: (typeof placed)[number]) => o.customerId === 'cust-a'],
      ['status=CONFIRMED&customerId=cust-a', (o: (typeof placed)[number]) => o.status === 'CONFIRMED' && o.customerId === 'cust-a'],
      ['customerId=nobody', () => false],
    ] as const) {
      const { orders } = (await harness.http.inject({ url: `/orders?${query}` })).json();
      assert.deepEqual(orders.map((order: { orderId: string }) => order.orderId), idsWhere(keep), query);
    }
  });

  it('pages with limit and after: every order once, in order, next only while more remain', async () => {
    const { orders, pages } = await fetchAllPages(harness.http, '/orders?limit=3', (next) => `/orders?limit=3&after=${next}`);
    assert.deepEqual(orders.map((order) => order.orderId), idsWhere(() => true));
    assert.equal(pages, Math.ceil(placed.length / 3));
    const filtered = await fetchAllPages(harness.http, '/orders?customerId=cust-a&limit=2', (next) => `/orders?customerId=cust-a&limit=2&after=${next}`);
    assert.deepEqual(filtered.orders.map((order) => order.orderId), idsWhere((o) => o.customerId === 'cust-a'));
  });

  it('400 naming each bad query parameter', async () => {
    for (const [query, fields] of [
      ['limit=0', ['limit']],
      ['limit=501', ['limit']],
      ['limit=ten', ['limit']],
      ['status=SHIPPED', ['status']],
      ['status=DONE&limit=9999', ['status', 'limit']],
      ['colour=red', ['colour']],
    ] as const) {
      const response = await harness.http.inject({ url: `/orders?${query}` });
      assert.equal(response.statusCode, 400, query);
      assert.deepEqual(response.json().fields.map((entry: { field: string }) => entry.field).sort(), [...fields].sort(), query);
    }
  });

  it('an unknown status lists the statuses there are', async () => {
    const response = await harness.http.inject({ url: '/orders?status=SHIPPED' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().message, 'invalid querystring: status must be one of "PENDING", "CONFIRMED", "REJECTED", "CANCELLED"');
  });

  it('accepts limit=500', async () => {
    assert.equal((await harness.http.inject({ url: '/orders?limit=500' })).statusCode, 200);
  });
});
