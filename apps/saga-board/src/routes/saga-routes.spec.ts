import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SagaDetail, SagaList } from '../sagas/saga-types';
import { startBoardHarness, type BoardHarness } from '../testing/board-harness';
import { sagaView } from '../testing/saga-views';

const now = Date.parse('2026-12-01T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

describe('GET /api/sagas', () => {
  let harness: BoardHarness;
  const ids: Record<string, string> = {};

  before(async () => {
    harness = await startBoardHarness({ now, settings: { deadlineMs: 30_000 } });
    const put = (name: string, view: ReturnType<typeof sagaView>) => {
      ids[name] = view.orderId;
      harness.orderView.put(view);
    };
    put('happy', sagaView('happy', { customerId: 'cust-a', startedAt: minutesAgo(50) }));
    put('shipping', sagaView('shipping-failed', { customerId: 'cust-b', startedAt: minutesAgo(40) }));
    put('declined', sagaView('payment-declined', { customerId: 'cust-a', startedAt: minutesAgo(30) }));
    put('stock', sagaView('out-of-stock', { customerId: 'cust-c', startedAt: minutesAgo(20) }));
    // Running for 20 s of a 30 s deadline: past half. The other one started 5 s ago.
    put('stuck', sagaView('running', { customerId: 'cust-a', startedAt: new Date(now - 20_000).toISOString() }));
    put('fresh', sagaView('running', { customerId: 'cust-b', startedAt: new Date(now - 5_000).toISOString() }));
    put('old', sagaView('happy', { customerId: 'cust-a', startedAt: minutesAgo(60 * 48) }));
  });
  after(async () => harness.close());

  const list = async (query = ''): Promise<SagaList> => {
    const response = await harness.http.inject({ url: `/api/sagas${query}` });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  it('lists every saga newest first with the counts per outcome and reason, and how many are past half their deadline', async () => {
    const body = await list();
    assert.deepEqual(body.sagas.map((saga) => saga.orderId), ['fresh', 'stuck', 'stock', 'declined', 'shipping', 'happy', 'old'].map((name) => ids[name]));
    assert.deepEqual(body.counts.byStatus, { PENDING: 2, CONFIRMED: 2, REJECTED: 1, CANCELLED: 2 });
    assert.deepEqual(body.counts.byReason, { shipping_failed: 1, payment_declined: 1, insufficient_stock: 1 });
    assert.equal(body.counts.pastHalfDeadline, 1);
    assert.equal(body.matched, 7);
    assert.equal(body.deadlineMs, 30_000);
    const stuck = body.sagas.find((saga) => saga.orderId === ids.stuck)!;
    assert.deepEqual(stuck.lastStep && { service: stuck.lastStep.service, event: stuck.lastStep.event }, { service: 'inventory-service', event: 'stock.reserved' });
    assert.equal(stuck.steps, 2);
    assert.deepEqual(stuck.awaits, { event: 'payment.captured', producers: ['payment-service'] }, 'what the running saga waits for, on the list');
    assert.equal(body.sagas.find((saga) => saga.orderId === ids.happy)!.awaits, undefined, 'a finished, notified saga waits for nothing');
  });

  it('filters by status, reason, customer, time and a piece of the order id; the counts follow the filter', async () => {
    const namesOf = (body: SagaList) => body.sagas.map((saga) => Object.keys(ids).find((name) => ids[name] === saga.orderId)).sort();
    assert.deepEqual(namesOf(await list('?status=CANCELLED')), ['declined', 'shipping']);
    assert.deepEqual(namesOf(await list('?reason=payment_declined')), ['declined']);
    assert.deepEqual(namesOf(await list('?customerId=cust-a&status=PENDING')), ['stuck']);
    assert.deepEqual(namesOf(await list(`?from=${minutesAgo(35)}`)), ['declined', 'fresh', 'stock', 'stuck']);
    assert.deepEqual(namesOf(await list(`?from=${minutesAgo(45)}&to=${minutesAgo(25)}`)), ['declined', 'shipping']);
    assert.deepEqual(namesOf(await list(`?q=${ids.stock!.slice(4, 14).toUpperCase()}`)), ['stock']);
    const cancelled = await list('?status=CANCELLED');
    assert.deepEqual(cancelled.counts.byStatus, { PENDING: 0, CONFIRMED: 0, REJECTED: 0, CANCELLED: 2 });
  });

  it('finds an exact order id outside the time range, straight from order-view', async () => {
    const body = await list(`?from=${minutesAgo(10)}&q=${ids.old}`);
    assert.deepEqual(body.sagas.map((saga) => saga.orderId), [ids.old]);
  });

  it('says when the scan of order-view stopped at its bound', async () => {
    const small = await startBoardHarness({ now, settings: { scanLimit: 2 } });
    try {
      for (let index = 0; index < 3; index++) small.orderView.put(sagaView('happy'));
      const response = await small.http.inject({ url: '/api/sagas' });
      assert.equal(response.json().truncated, true);
      assert.equal(response.json().sagas.length, 2);
    } finally {
      await small.close();
    }
  });

  it('400 naming a bad filter, 503 while order-view does not answer', async () => {
    const bad = await harness.http.inject({ url: '/api/sagas?status=SHIPPED&from=yesterday' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().fields.map((field: { field: string }) => field.field).sort(), ['from', 'status']);
    harness.orderView.down = true;
    try {
      const down = await harness.http.inject({ url: '/api/sagas' });
      assert.equal(down.statusCode, 503);
      assert.match(down.json().message, /order-view is down/);
    } finally {
      harness.orderView.down = false;
    }
  });
});

describe('GET /api/sagas/:orderId', () => {
  let harness: BoardHarness;
  afterEach(async () => harness?.close());

  const detail = async (orderId: string): Promise<SagaDetail> => {
    const response = await harness.http.inject({ url: `/api/sagas/${orderId}` });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  it('a compensated saga: its timeline against the map, refund before release, nothing awaited, no departure', async () => {
    harness = await startBoardHarness({ now });
    const view = sagaView('shipping-failed', { startedAt: minutesAgo(5), stepMs: 40 });
    harness.orderView.put(view);
    const body = await detail(view.orderId);
    assert.deepEqual(body.path, ['order.created', 'stock.reserved', 'payment.captured', 'shipment.failed', 'payment.refunded', 'stock.released', 'order.cancelled', 'customer.notified']);
    assert.deepEqual(body.timeline.map((row) => `${row.service} ${row.event} ${row.outcome}`), view.timeline.map((step) => `${step.service} ${step.event} ok`));
    assert.deepEqual(body.timeline.map((row) => row.sincePreviousMs), [undefined, 40, 40, 40, 40, 40, 40, 40]);
    assert.equal(body.timeline.at(-1)!.sinceStartMs, 280);
    assert.deepEqual(body.awaited, []);
    assert.equal(body.departures, 0);
    assert.equal(body.verdict, 'follows the map');
    assert.equal(body.saga.reason, 'shipping_failed');
    assert.equal(body.traceUrl, undefined);
  });

  it('a running saga: what it still awaits, in map order, with who should emit it; past half its deadline', async () => {
    harness = await startBoardHarness({ now, settings: { deadlineMs: 30_000 } });
    const view = sagaView('running', { startedAt: new Date(now - 16_000).toISOString() });
    harness.orderView.put(view);
    const body = await detail(view.orderId);
    assert.deepEqual(body.awaited, [
      { event: 'payment.captured', producers: ['payment-service'] },
      { event: 'shipment.scheduled', producers: ['shipping-service'] },
      { event: 'order.confirmed', producers: ['order-service'] },
      { event: 'customer.notified', producers: ['notification-service'] },
    ]);
    assert.equal(body.departures, 0);
    assert.equal(body.verdict, 'follows the map so far; awaits payment.captured from payment-service');
    assert.equal(body.pastHalfDeadline, true);
  });

  it('a finished saga whose notification is on its way awaits it; long after, it is missing', async () => {
    harness = await startBoardHarness({ now, settings: { deadlineMs: 30_000 } });
    const steps = [['order-service', 'order.created'], ['inventory-service', 'stock.reservation-failed'], ['order-service', 'order.rejected']] as const;
    const recent = sagaView('out-of-stock', { startedAt: new Date(now - 2_000).toISOString(), steps });
    const old = sagaView('out-of-stock', { startedAt: minutesAgo(10), steps });
    harness.orderView.put(recent);
    harness.orderView.put(old);
    assert.deepEqual((await detail(recent.orderId)).awaited.map((step) => step.event), ['customer.notified']);
    const late = await detail(old.orderId);
    assert.deepEqual(late.awaited, []);
    assert.deepEqual(late.missing.map((step) => step.event), ['customer.notified']);
    assert.equal(late.verdict, 'departs from the map: 1 missing, 0 unexpected');
  });

  it('flags departures as troupe inspect does: an event emitted by a service the map does not have emit it', async () => {
    harness = await startBoardHarness({ now });
    const steps = [...sagaView('happy').timeline.map((step) => [step.service, step.event] as const)];
    steps[2] = ['inventory-service', 'payment.captured'];
    const view = sagaView('happy', { steps, startedAt: minutesAgo(3) });
    harness.orderView.put(view);
    const body = await detail(view.orderId);
    const flagged = body.timeline.find((row) => row.event === 'payment.captured')!;
    assert.equal(flagged.outcome, 'unexpected');
    assert.equal(flagged.note, 'the map has payment-service emit it');
    assert.equal(body.departures, 1);
    assert.match(body.verdict, /^departs from the map: 0 missing, 1 unexpected$/);
  });

  it('links to the trace search when JAEGER_URL is set; 404 for an order order-view does not know', async () => {
    harness = await startBoardHarness({ now, settings: { jaegerUrl: 'http://jaeger.local:16686' } });
    const view = sagaView('happy');
    harness.orderView.put(view);
    const body = await detail(view.orderId);
    const url = new URL(body.traceUrl!);
    assert.equal(url.origin + url.pathname, 'http://jaeger.local:16686/search');
    assert.deepEqual(JSON.parse(url.searchParams.get('tags')!), { 'order.id': view.orderId });
    const missing = await harness.http.inject({ url: `/api/sagas/${randomUUID()}` });
    assert.equal(missing.statusCode, 404);
  });
});
