import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import { buildApps, deleteBrokerNamespace, httpGet, pollHttp, startAppProcess, type AppProcess } from '@troupe/testing';
import { openEventBus, type EventBus } from '@troupe/worker/testing';

const worker = { entry: 'tools/infra/worker.mjs', args: ['inventory-service'] };

/** Sum of one counter's series in a Prometheus text page; a counter never incremented has no series: 0. */
function counter(text: string, name: string): number {
  let total = 0;
  for (const match of text.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'gm'))) total += Number(match[1]);
  return total;
}

describe('inventory-service restarted with a backlog (production start, real broker)', function () {
  this.timeout(120_000);
  const prefix = `test-inventory-restart-${process.pid}-${Date.now()}.`;
  const backlog = 40;
  let dataDir: string;
  let bus: EventBus;
  let app: AppProcess | undefined;

  before(async () => {
    buildApps('inventory-service');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'inventory-restart-'));
    bus = await openEventBus(prefix);
  });
  after(async () => {
    await app?.stop(2_000);
    await bus?.close();
    await deleteBrokerNamespace(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('handles every order queued while it was down on the first attempt: nothing goes round the retry route', async () => {
    const env = { DATA_DIR: dataDir, RABBITMQ_PREFIX: prefix };
    // First start: declares its queues and seeds the stock. Then killed outright, as a crash or an OOM kill would.
    app = await startAppProcess({ ...worker, env });
    await pollHttp(`${app.url}/health`, (result) => result.status === 200);
    app.signal('SIGKILL');
    await app.exited;

    // The backlog is in the queue, ahead of the restart: deliveries arrive the moment consumers start.
    const orders = Array.from({ length: backlog }, () =>
      sampleEvent('order.created', { orderId: randomUUID(), items: [{ sku: 'SKU-010', quantity: 1, unitPriceCents: 100 }], totalCents: 100 }),
    );
    for (const order of orders) await bus.publish(order);

    app = await startAppProcess({ ...worker, env });
    for (const order of orders) await bus.waitFor('stock.reserved', order.data.orderId, 1, 60_000);

    const metrics = (await httpGet(`${app.url}/metrics`)).text;
    assert.equal(counter(metrics, 'troupe_messages_consumed_total'), backlog, 'the restarted process consumed the whole backlog');
    assert.equal(counter(metrics, 'troupe_messages_failed_total'), 0, 'no handler attempt failed');
    assert.equal(counter(metrics, 'troupe_messages_retried_total'), 0, 'nothing was sent round the retry route');
    assert.equal(bus.seen('stock.reservation-failed', orders[0]!.data.orderId).length, 0);
    assert.deepEqual((await httpGet(`${app.url}/stock/SKU-010`)).json, { sku: 'SKU-010', available: 1000 - backlog, reserved: backlog });
  });
});
