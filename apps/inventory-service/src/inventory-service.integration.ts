import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EventMap } from '@troupe/contracts';
import { createEvent } from '@troupe/order-catalogue';
import { buildTopology } from '@troupe/messaging';
import { deleteTopologies } from '@troupe/messaging/testing';
import { httpGet, pollHttp, startAppProcess, type AppProcess } from '@troupe/testing';
import { adminHeaders, brokerUrl, openEventBus, testAdminToken, type EventBus } from '@troupe/worker/testing';
import { consumedBy } from '@troupe/contracts';
import { inventoryServiceManifest } from '@troupe/order-catalogue';

const entry = 'apps/inventory-service/src/main.ts';

function orderCreated(items: { sku: string; quantity: number }[]) {
  const orderId = randomUUID();
  const data: EventMap['order.created'] = {
    orderId,
    customerId: 'cust-int',
    items: items.map((item) => ({ ...item, unitPriceCents: 100 })),
    totalCents: items.reduce((sum, item) => sum + item.quantity * 100, 0),
    paymentToken: 'tok_ok',
    shippingAddress: { name: 'Ada', line1: '1 Loop Rd', city: 'Paris', postalCode: '75001', country: 'FR' },
    deadline: new Date(Date.now() + 600_000).toISOString(),
    orderVersion: 1,
  };
  return createEvent('order.created', data, { source: 'integration-test' });
}

describe('inventory-service on the real broker, two instances on one store', function () {
  this.timeout(180_000);
  const prefix = `test-inventory-${process.pid}-${Date.now()}.`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inventory-int-'));
  const apps: AppProcess[] = [];
  let bus: EventBus;
  const stock = async (sku: string) => (await httpGet(`${apps[0]!.url}/stock/${sku}`)).json as { available: number; reserved: number };

  before(async () => {
    bus = await openEventBus(prefix);
    // Started together on an empty store: both try to seed, one does.
    const env = { RABBITMQ_PREFIX: prefix, DATA_DIR: dataDir, ADMIN_TOKEN: testAdminToken };
    apps.push(...(await Promise.all([startAppProcess({ entry, env, startTimeoutMs: 60_000 }), startAppProcess({ entry, env, startTimeoutMs: 60_000 })])));
    for (const app of apps) await pollHttp(`${app.url}/health`, (result) => result.status === 200, { timeoutMs: 30_000 });
  });
  after(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await bus?.close();
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'inventory-service', consumes: consumedBy(inventoryServiceManifest) })]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeded the stock exactly once', async () => {
    const seededBy = apps.filter((app) => app.logLines().some((line) => line.msg === 'stock seeded'));
    assert.equal(seededBy.length, 1);
    assert.deepEqual(await stock('SKU-100'), { sku: 'SKU-100', available: 1000, reserved: 0 });
  });

  it('refuses an order it cannot fully serve: stock.reservation-failed and nothing reserved', async () => {
    const recount = await fetch(`${apps[1]!.url}/stock/SKU-002`, { method: 'PUT', headers: { 'content-type': 'application/json', ...adminHeaders() }, body: JSON.stringify({ available: 5 }) });
    assert.equal(recount.status, 200);
    const created = orderCreated([{ sku: 'SKU-001', quantity: 2 }, { sku: 'SKU-002', quantity: 6 }]);
    await bus.publish(created);
    const [failed] = await bus.waitFor('stock.reservation-failed', created.data.orderId);
    const data = failed!.data as EventMap['stock.reservation-failed'];
    assert.equal(data.reason, 'insufficient_stock');
    assert.deepEqual(data.shortages, [{ sku: 'SKU-002', requested: 6, available: 5 }]);
    assert.deepEqual(await stock('SKU-001'), { sku: 'SKU-001', available: 1000, reserved: 0 });
    assert.equal(bus.seen('stock.reserved', created.data.orderId).length, 0);
  });

  it('reserves, then on payment.refunded (even delivered twice) releases once and gives the stock back', async () => {
    const created = orderCreated([{ sku: 'SKU-003', quantity: 4 }]);
    const [refundsBefore, createdBefore] = [await consumed(apps, 'payment.refunded'), await consumed(apps, 'order.created')];
    await bus.publish(created);
    const [reserved] = await bus.waitFor('stock.reserved', created.data.orderId);
    assert.deepEqual(reserved!.data, {
      orderId: created.data.orderId,
      items: [{ sku: 'SKU-003', quantity: 4 }],
      charge: { paymentToken: 'tok_ok', totalCents: 400 },
      shippingAddress: created.data.shippingAddress,
    }, 'stock.reserved carries the charge and the address on, for payment and shipping');
    assert.deepEqual(await stock('SKU-003'), { sku: 'SKU-003', available: 996, reserved: 4 });

    const refunded = createEvent('payment.refunded', { orderId: created.data.orderId, paymentId: 'pay-1', amountCents: 400, reason: 'customer_cancelled' }, { source: 'integration-test' });
    await bus.publish(refunded);
    await bus.publish(createEvent('payment.refunded', refunded.data, { source: 'integration-test' }));
    const [released] = await bus.waitFor('stock.released', created.data.orderId);
    assert.deepEqual((released!.data as EventMap['stock.released']).items, [{ sku: 'SKU-003', quantity: 4 }]);
    // A late order.created after the release must not reserve again; its outcome is the marker that both refunds were handled.
    await bus.publish(createEvent('order.created', created.data, { source: 'integration-test' }));
    const deadline = Date.now() + 30_000;
    const allConsumed = async () => (await consumed(apps, 'payment.refunded')) >= refundsBefore + 2 && (await consumed(apps, 'order.created')) >= createdBefore + 2;
    while (!(await allConsumed())) {
      if (Date.now() > deadline) throw new Error('the duplicate refund and the late order.created were not consumed within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(bus.seen('stock.released', created.data.orderId).length, 1);
    assert.equal(bus.seen('stock.reserved', created.data.orderId).length, 1);
    assert.deepEqual(await stock('SKU-003'), { sku: 'SKU-003', available: 1000, reserved: 0 });
  });

  it('conserves stock when both instances reserve the same SKU at once', async () => {
    const orders = Array.from({ length: 30 }, () => orderCreated([{ sku: 'SKU-007', quantity: 1 }, { sku: 'SKU-008', quantity: 2 }]));
    await Promise.all(orders.map((created) => bus.publish(created)));
    for (const created of orders) await bus.waitFor('stock.reserved', created.data.orderId, 1, 60_000);
    assert.deepEqual(await stock('SKU-007'), { sku: 'SKU-007', available: 970, reserved: 30 });
    assert.deepEqual(await stock('SKU-008'), { sku: 'SKU-008', available: 940, reserved: 60 });
  });
});

async function consumed(apps: AppProcess[], event: string): Promise<number> {
  let total = 0;
  for (const app of apps) {
    const text = (await httpGet(`${app.url}/metrics`)).text;
    const match = new RegExp(`^troupe_messages_consumed_total\\{[^}]*event="${event.replace('.', '\\.')}"[^}]*\\} (\\d+)$`, 'm').exec(text);
    total += match ? Number(match[1]) : 0;
  }
  return total;
}
