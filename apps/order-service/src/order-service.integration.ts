import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EventMap, type EventType } from '@troupe/contracts';
import { createEvent } from '@troupe/order-catalogue';
import { buildTopology } from '@troupe/messaging';
import { deleteTopologies } from '@troupe/messaging/testing';
import { httpGet, pollHttp, startAppProcess, type AppProcess } from '@troupe/testing';
import { brokerUrl, openEventBus, type EventBus } from '@troupe/worker/testing';

const consumes = ['stock.reservation-failed', 'payment.declined', 'shipment.failed', 'shipment.scheduled', 'stock.released'];
const entry = 'apps/order-service/src/main.ts';

const orderBody = {
  customerId: 'cust-int',
  items: [{ sku: 'SKU-010', quantity: 3, unitPrice: 2.5 }],
  paymentToken: 'tok_ok',
  shippingAddress: { name: 'Ada', line1: '1 Loop Rd', city: 'Paris', postalCode: '75001', country: 'FR' },
};

async function placeOrder(app: AppProcess): Promise<string> {
  const response = await fetch(`${app.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(orderBody) });
  assert.equal(response.status, 202);
  return ((await response.json()) as { orderId: string }).orderId;
}

async function counter(app: AppProcess, name: string, labels = ''): Promise<number> {
  const text = (await httpGet(`${app.url}/metrics`)).text;
  const match = new RegExp(`^${name}\\{[^}]*${labels}[^}]*\\} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function participantEvent<T extends EventType>(type: T, data: EventMap[T]) {
  return createEvent(type, data, { source: 'integration-test' });
}

function namespace(label: string) {
  const prefix = `test-order-${label}-${process.pid}-${Date.now()}.`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `order-${label}-`));
  return { prefix, dataDir };
}

describe('order-service on the real broker', function () {
  this.timeout(180_000);

  describe('reacting to participants', () => {
    const { prefix, dataDir } = namespace('events');
    let app: AppProcess;
    let bus: EventBus;

    before(async () => {
      bus = await openEventBus(prefix);
      app = await startAppProcess({ entry, env: { RABBITMQ_PREFIX: prefix, DATA_DIR: dataDir, SAGA_DEADLINE_MS: '600000' }, startTimeoutMs: 60_000 });
      await pollHttp(`${app.url}/health`, (result) => result.status === 200, { timeoutMs: 30_000 });
    });
    after(async () => {
      await app?.stop();
      await bus?.close();
      await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'order-service', consumes })]);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('publishes order.created for a placed order', async () => {
      const orderId = await placeOrder(app);
      const [created] = await bus.waitFor('order.created', orderId);
      assert.equal((created!.data as EventMap['order.created']).totalCents, 750);
    });

    it('stock.reservation-failed → REJECTED and one order.rejected, however often it and late events arrive', async () => {
      const orderId = await placeOrder(app);
      const failed = participantEvent('stock.reservation-failed', { orderId, reason: 'insufficient_stock', shortages: [{ sku: 'SKU-010', requested: 3, available: 1 }] });
      const consumedBefore = await counter(app, 'troupe_messages_consumed_total', 'event="shipment.scheduled"');
      await bus.publish(failed);
      await bus.publish(failed);
      await bus.publish(participantEvent('shipment.scheduled', { orderId, shipmentId: 'late' }));
      await bus.waitFor('order.rejected', orderId);
      await until(async () => (await counter(app, 'troupe_messages_consumed_total', 'event="shipment.scheduled"')) > consumedBefore, 'the late shipment.scheduled consumed');
      await until(async () => (await counter(app, 'troupe_messages_consumed_total', 'event="stock.reservation-failed"')) >= 2, 'the duplicate consumed');

      const order = (await httpGet(`${app.url}/orders/${orderId}`)).json as { status: string; reason: string; version: number };
      assert.deepEqual({ status: order.status, reason: order.reason, version: order.version }, { status: 'REJECTED', reason: 'insufficient_stock', version: 2 });
      assert.equal(bus.seen('order.rejected', orderId).length, 1);
      assert.equal(bus.seen('order.confirmed', orderId).length, 0);
    });

    it('payment.declined waits for stock.released, then CANCELLED (payment_declined) and one order.cancelled', async () => {
      const orderId = await placeOrder(app);
      await bus.publish(participantEvent('payment.declined', { orderId, amountCents: 750, reason: 'card_declined' }));
      await pollHttp(`${app.url}/orders/${orderId}`, (result) => (result.json as { version?: number }).version === 2);
      assert.equal(((await httpGet(`${app.url}/orders/${orderId}`)).json as { status: string }).status, 'PENDING');

      const cancel = await fetch(`${app.url}/orders/${orderId}/cancel`, { method: 'POST' });
      assert.equal(cancel.status, 202, 'a cancel while the relay runs is accepted, not a second request');

      await bus.publish(participantEvent('stock.released', { orderId, items: [{ sku: 'SKU-010', quantity: 3 }], reason: 'payment_declined' }));
      const [cancelled] = await bus.waitFor('order.cancelled', orderId);
      assert.equal((cancelled!.data as EventMap['order.cancelled']).reason, 'payment_declined');
      const order = (await httpGet(`${app.url}/orders/${orderId}`)).json as { status: string; reason: string };
      assert.deepEqual([order.status, order.reason], ['CANCELLED', 'payment_declined']);
      assert.equal(bus.seen('order.cancellation-requested', orderId).length, 0);
      assert.equal((await fetch(`${app.url}/orders/${orderId}/cancel`, { method: 'POST' })).status, 409);
    });

    it('shipment.scheduled → CONFIRMED and order.confirmed with the total', async () => {
      const orderId = await placeOrder(app);
      await bus.publish(participantEvent('shipment.scheduled', { orderId, shipmentId: 'ship-1' }));
      const [confirmed] = await bus.waitFor('order.confirmed', orderId);
      assert.equal((confirmed!.data as EventMap['order.confirmed']).totalCents, 750);
      assert.equal(((await httpGet(`${app.url}/orders/${orderId}`)).json as { status: string }).status, 'CONFIRMED');
    });
  });

  describe('the saga deadline with two instances sweeping one store', () => {
    const { prefix, dataDir } = namespace('deadline');
    const apps: AppProcess[] = [];
    let bus: EventBus;

    before(async () => {
      bus = await openEventBus(prefix);
      const env = { RABBITMQ_PREFIX: prefix, DATA_DIR: dataDir, SAGA_DEADLINE_MS: '1000', DEADLINE_SWEEP_INTERVAL_MS: '50' };
      apps.push(...(await Promise.all([startAppProcess({ entry, env, startTimeoutMs: 60_000 }), startAppProcess({ entry, env, startTimeoutMs: 60_000 })])));
      // Both consuming: each judges deadlines by the fences its own consumers pass.
      for (const app of apps) await pollHttp(`${app.url}/health`, (result) => result.status === 200, { timeoutMs: 30_000 });
    });
    after(async () => {
      await Promise.all(apps.map((app) => app.stop()));
      await bus?.close();
      await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'order-service', consumes })]);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('turns each overdue order into exactly one timed_out cancellation request', async () => {
      const orderIds: string[] = [];
      for (let index = 0; index < 6; index += 1) orderIds.push(await placeOrder(apps[index % 2]!));
      for (const orderId of orderIds) {
        const [request] = await bus.waitFor('order.cancellation-requested', orderId);
        assert.equal((request!.data as EventMap['order.cancellation-requested']).reason, 'timed_out');
      }
      // Both sweepers get several more passes over the same orders before the count is taken.
      const sweepsSoFar = await Promise.all(apps.map((app) => counter(app, 'troupe_deadline_sweeps_total')));
      await until(async () => {
        const now = await Promise.all(apps.map((app) => counter(app, 'troupe_deadline_sweeps_total')));
        return now.every((sweeps, index) => sweeps >= sweepsSoFar[index]! + 5);
      }, 'five more sweeps on each instance');

      for (const orderId of orderIds) {
        assert.equal(bus.seen('order.cancellation-requested', orderId).length, 1, orderId);
        const order = (await httpGet(`${apps[0]!.url}/orders/${orderId}`)).json as { status: string; version: number };
        assert.deepEqual([order.status, order.version], ['PENDING', 2]);
      }
      const expired = await Promise.all(apps.map((app) => counter(app, 'troupe_orders_expired_total')));
      assert.equal(expired[0]! + expired[1]!, orderIds.length);
    });
  });
  describe('the deadline judged in event order', () => {
    const { prefix, dataDir } = namespace('event-order');
    // Long enough that stopping order-service and queueing the backlog fit before it even on a loaded machine.
    const deadlineMs = 8000;
    const env = { RABBITMQ_PREFIX: prefix, DATA_DIR: dataDir, SAGA_DEADLINE_MS: String(deadlineMs), DEADLINE_SWEEP_INTERVAL_MS: '50' };
    let app: AppProcess | undefined;
    let bus: EventBus;
    // Healthy means its queues are declared and consumed: events published before that would not be routed to it.
    const startHealthy = async (): Promise<AppProcess> => {
      const started = await startAppProcess({ entry, env, startTimeoutMs: 60_000 });
      await pollHttp(`${started.url}/health`, (result) => result.status === 200, { timeoutMs: 30_000 });
      return started;
    };

    before(async () => {
      bus = await openEventBus(prefix);
      app = await startHealthy();
    });
    after(async () => {
      await app?.stop();
      await bus?.close();
      await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'order-service', consumes })]);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('events emitted before the deadline and queued while order-service was down beat it; a stuck saga still times out', async () => {
      const placedAt = Date.now();
      const [confirmedId, shippingFailedId, stuckId, rejectedId] = [await placeOrder(app!), await placeOrder(app!), await placeOrder(app!), await placeOrder(app!)];
      const shortage = { reason: 'insufficient_stock' as const, shortages: [{ sku: 'SKU-010', requested: 3, available: 0 }] };
      await bus.publish(participantEvent('stock.reservation-failed', { orderId: rejectedId, ...shortage }));
      await bus.waitFor('order.rejected', rejectedId);
      await app!.stop();
      app = undefined;

      // While it is down, a backlog builds in the very queues of the deciding events, ahead of them (late
      // events about a finished order, which change nothing), so on restart order-service reaches them last.
      const backlog = 400;
      for (let start = 0; start < backlog; start += 100) {
        await Promise.all(
          Array.from({ length: 100 }, (_, offset) => [
            bus.publish(participantEvent('shipment.scheduled', { orderId: rejectedId, shipmentId: `late-${start + offset}` })),
            bus.publish(participantEvent('stock.released', { orderId: rejectedId, items: [], reason: 'payment_declined' })),
          ]).flat(),
        );
      }
      await bus.publish(participantEvent('shipment.scheduled', { orderId: confirmedId, shipmentId: 'ship-in-time' }));
      await bus.publish(participantEvent('shipment.failed', { orderId: shippingFailedId, reason: 'unserviceable_country' }));
      await bus.publish(participantEvent('stock.released', { orderId: shippingFailedId, items: [{ sku: 'SKU-010', quantity: 3 }], reason: 'shipping_failed' }));
      const emittedBy = Date.now();
      assert.ok(emittedBy < placedAt + deadlineMs, `the deciding events were emitted before the deadline (took ${emittedBy - placedAt} ms)`);

      await new Promise((resolve) => setTimeout(resolve, placedAt + deadlineMs + 1000 - Date.now()));
      app = await startHealthy();

      await bus.waitFor('order.confirmed', confirmedId);
      const [cancelled] = await bus.waitFor('order.cancelled', shippingFailedId);
      assert.equal((cancelled!.data as EventMap['order.cancelled']).reason, 'shipping_failed');
      const [timedOut] = await bus.waitFor('order.cancellation-requested', stuckId);
      assert.equal((timedOut!.data as EventMap['order.cancellation-requested']).reason, 'timed_out', 'a saga with nothing queued still times out');

      for (const orderId of [confirmedId, shippingFailedId]) {
        assert.equal(bus.seen('order.cancellation-requested', orderId).length, 0, `no deadline cancellation for ${orderId}`);
      }
      const confirmed = (await httpGet(`${app.url}/orders/${confirmedId}`)).json as { status: string };
      const failed = (await httpGet(`${app.url}/orders/${shippingFailedId}`)).json as { status: string; reason: string };
      assert.equal(confirmed.status, 'CONFIRMED');
      assert.deepEqual([failed.status, failed.reason], ['CANCELLED', 'shipping_failed']);
    });
  });
});
