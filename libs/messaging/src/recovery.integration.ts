import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '@troupe/persistence';
import { startTcpProxy } from '@troupe/testing';
import { noopMetrics } from './metrics';
import type { OutboxRow } from './outbox/row';
import { startChild } from './test-support/child-process';
import { brokerUrl, countEffect, effectCount, Harness, stockReserved, totalEffects } from './test-support/harness';
import { payerHandlers, payerRetryDelaysMs } from './test-support/payer';
import { waitFor } from './test-support/wait-for';
import { publishRaw, withBrokerChannel } from './testing';
import { buildTopology, topologyNames } from './topology/topology';

const childScript = path.join(__dirname, 'test-support', 'crash-child.ts');

describe('messaging recovery (real broker, SQLite store)', () => {
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  /** A downstream service counting `payment.captured` deliveries (duplicates included) and effects. */
  async function startShipper() {
    let deliveries = 0;
    const shipper = await harness.service({
      service: 'shipper',
      metrics: { ...noopMetrics, consumed: () => void (deliveries += 1) },
      handlers: { 'payment.captured': async (event, ctx) => countEffect(ctx.store, event.data.orderId) },
    });
    return { ...shipper, deliveries: () => deliveries };
  }

  describe('a payer process killed mid-pipeline', () => {
    let directory: string;
    beforeEach(() => {
      directory = mkdtempSync(path.join(tmpdir(), 'troupe-messaging-'));
      harness.track(buildTopology({ prefix: harness.prefix, service: 'payer', consumes: ['stock.reserved'], retryDelaysMs: payerRetryDelaysMs }));
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    async function readPayerStore<R>(file: string, read: (store: ReturnType<typeof createSqliteStore>) => Promise<R>): Promise<R> {
      const store = createSqliteStore({ file });
      try {
        return await read(store);
      } finally {
        await store.close();
      }
    }

    async function runChild(file: string, mode: 'normal' | 'kill-after-commit' | 'kill-after-publish') {
      const child = await startChild(childScript, { file, prefix: harness.prefix, url: brokerUrl, mode });
      harness.onDispose(async () => child.process.kill('SIGKILL'));
      return child;
    }

    it('publishes the committed reaction after a restart when killed between commit and publish; effects happen once', async () => {
      const shipper = await startShipper();
      const file = path.join(directory, 'payer.sqlite');
      const crashing = await runChild(file, 'kill-after-commit');
      const event = stockReserved();
      const exchange = topologyNames(harness.prefix, 'payer').eventsExchange;
      await publishRaw(brokerUrl, exchange, 'stock.reserved', Buffer.from(JSON.stringify(event)), { messageId: event.id });
      assert.equal(await crashing.exited(10_000), 'SIGKILL');

      const pending = await readPayerStore(file, (store) => store.collection<OutboxRow>('troupe_outbox').find());
      assert.deepEqual(pending.map((row) => [row.routingKey, row.status]), [['payment.captured', 'pending']], 'committed but never published');
      assert.equal(shipper.deliveries(), 0);

      const restarted = await runChild(file, 'normal');
      await waitFor(async () => (await effectCount(shipper.store, event.data.orderId)) === 1, 10_000, 'downstream effect after restart');
      restarted.process.kill('SIGTERM');
      assert.equal(await restarted.exited(10_000), 0);

      await readPayerStore(file, async (store) => {
        assert.equal(await effectCount(store, event.data.orderId), 1, 'the redelivered trigger was recognised by the inbox');
        const rows = await store.collection<OutboxRow>('troupe_outbox').find();
        assert.deepEqual(rows.map((row) => [row._id, row.status]), [[pending[0]!._id, 'sent']]);
      });
      assert.equal(await effectCount(shipper.store, event.data.orderId), 1);
    });

    it('recognises the redelivery when killed after publishing but before the ack; downstream drops the republished copy', async () => {
      const shipper = await startShipper();
      const file = path.join(directory, 'payer.sqlite');
      const crashing = await runChild(file, 'kill-after-publish');
      const event = stockReserved();
      const exchange = topologyNames(harness.prefix, 'payer').eventsExchange;
      await publishRaw(brokerUrl, exchange, 'stock.reserved', Buffer.from(JSON.stringify(event)), { messageId: event.id });
      assert.equal(await crashing.exited(10_000), 'SIGKILL');
      await waitFor(async () => (await effectCount(shipper.store, event.data.orderId)) === 1, 10_000, 'reaction delivered before the kill');
      const triggerQueue = topologyNames(harness.prefix, 'payer').consumerQueue('stock.reserved');
      await waitFor(
        () => withBrokerChannel(brokerUrl, async (channel) => (await channel.checkQueue(triggerQueue)).messageCount === 1),
        10_000,
        'the trigger back in its queue: it was never acked',
      );

      const restarted = await runChild(file, 'normal');
      // The row was confirmed but never marked sent, so the relay publishes it again: a second delivery downstream.
      await waitFor(() => shipper.deliveries() === 2, 10_000, 'republished copy delivered');
      await waitFor(
        () => readPayerStore(file, async (store) => (await store.collection<OutboxRow>('troupe_outbox').find({ status: 'sent' })).length === 1),
        10_000,
        'row marked sent',
      );
      restarted.process.kill('SIGTERM');
      assert.equal(await restarted.exited(10_000), 0);
      await readPayerStore(file, async (store) => {
        assert.equal(await effectCount(store, event.data.orderId), 1);
        assert.equal(await store.collection('troupe_inbox').count(), 1);
      });
      assert.equal(await effectCount(shipper.store, event.data.orderId), 1);
    });
  });

  it('processes every message exactly once when the payer connection is cut and restored mid-stream', async () => {
    const proxy = await startTcpProxy({ targetPort: 5672 });
    harness.onDispose(() => proxy.close());
    const shipper = await startShipper();
    const payer = await harness.service({
      service: 'payer',
      url: `amqp://guest:guest@127.0.0.1:${proxy.port}`,
      handlers: payerHandlers,
      outbox: { leaseMs: 300, intervalMs: 100 },
    });
    const producer = await harness.service({ service: 'inventory' });
    const total = 300;
    const orders: string[] = [];
    const publishing = (async () => {
      for (let index = 0; index < total; index += 1) {
        const orderId = stockReserved().data.orderId;
        orders.push(orderId);
        await producer.messaging.transaction((_session, outbox) => outbox.emit('stock.reserved', { orderId, items: [{ sku: 'SKU-001', quantity: 1 }] }));
      }
    })();
    await waitFor(async () => (await totalEffects(payer.store)).keys >= 50, 10_000, 'stream under way');
    await proxy.cut();
    await waitFor(() => !payer.broker.isConnected(), 5000, 'payer noticed the cut');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.restore();
    await publishing;

    await waitFor(async () => (await totalEffects(shipper.store)).keys === total, 30_000, 'every reaction delivered downstream');
    assert.deepEqual(await totalEffects(payer.store), { keys: total, sum: total, max: 1 });
    assert.deepEqual(await totalEffects(shipper.store), { keys: total, sum: total, max: 1 });
    await waitFor(async () => (await payer.store.collection('troupe_outbox').count({ status: 'pending' })) === 0, 10_000, 'outbox drained');
    assert.ok(payer.messaging.isReady(), 'consumers and topology back after the reconnect');
  });

  it('consumes again after a reconnect that found its queue gone: the re-declaration puts it back', async () => {
    const proxy = await startTcpProxy({ targetPort: 5672 });
    harness.onDispose(() => proxy.close());
    const payer = await harness.service({ service: 'payer', url: `amqp://guest:guest@127.0.0.1:${proxy.port}`, handlers: payerHandlers });
    const producer = await harness.service({ service: 'inventory' });
    await proxy.cut();
    await waitFor(() => !payer.broker.isConnected(), 5000, 'payer noticed the cut');
    // What a broker that lost its data (or an administrator) does while the service is away.
    await withBrokerChannel(brokerUrl, (channel) => channel.deleteQueue(topologyNames(harness.prefix, 'payer').consumerQueue('stock.reserved')));
    await proxy.restore();
    await waitFor(() => payer.messaging.isReady(), 15_000, 'payer ready again');
    const orderId = stockReserved().data.orderId;
    await producer.messaging.transaction((_session, outbox) => outbox.emit('stock.reserved', { orderId, items: [{ sku: 'SKU-001', quantity: 1 }] }));
    await waitFor(async () => (await effectCount(payer.store, orderId)) === 1, 15_000, 'the event handled on the re-declared queue');
  });
});
