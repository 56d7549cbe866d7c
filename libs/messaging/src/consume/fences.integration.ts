import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEvent } from '@troupe/order-catalogue';
import { createSqliteStore } from '@troupe/persistence';
import type { HandlerMap } from './handler';
import { countEffect, Harness, stockReserved, totalEffects, brokerUrl } from '../test-support/harness';
import { openRawClient, withBrokerChannel } from '../testing';
import { topologyNames } from '../topology/topology';
import { noopMetrics } from '../metrics';
import { waitFor } from '../test-support/wait-for';

/** Polls until `drainedUntil` is known and returns what the store held at that very moment. */
async function whenDrained<R>(messaging: { drainedUntil(): Date | undefined }, read: () => Promise<R>, timeoutMs: number): Promise<{ drained: Date; seen: R }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const drained = messaging.drainedUntil();
    // Read first, then re-check: `drained` known before the read means the read saw what the fence promised.
    if (drained) return { drained, seen: await read() };
    if (Date.now() > deadline) throw new Error(`no fence passed within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('queue fences (real broker)', function () {
  this.timeout(60_000);
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  const counting: HandlerMap = {
    'stock.reserved': async (event, ctx) => countEffect(ctx.store, event.data.orderId),
    'payment.captured': async (event, ctx) => countEffect(ctx.store, event.data.orderId),
  };

  it('passes a queue only once every message queued ahead of the fence is handled', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let entered = 0;
    const service = await harness.service({
      service: 'fenced',
      handlers: { ...counting, 'stock.reserved': async (event, ctx) => {
          entered += 1;
          await gate;
          await countEffect(ctx.store, event.data.orderId);
        },
      },
    });
    // Registered after the service, so it runs first on dispose: a failed assertion must not leave the store locked.
    harness.onDispose(async () => open());
    const client = await openRawClient(brokerUrl);
    harness.onDispose(() => client.close());
    const exchange = topologyNames(harness.prefix, 'x').eventsExchange;
    for (let index = 0; index < 3; index += 1) await client.publish(exchange, 'stock.reserved', Buffer.from(JSON.stringify(stockReserved())));
    // No store read while the gate is shut: the handlers hold the store's transaction.
    await waitFor(() => entered > 0, 5000, 'a delivery in its handler');

    const before = Date.now();
    await service.messaging.sendFence();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(service.messaging.drainedUntil(), undefined, 'three deliveries ahead of the fence are still in their handler');

    open();
    const { drained, seen } = await whenDrained(service.messaging, () => totalEffects(service.store), 10_000);
    assert.equal(seen.keys, 3, 'every message ahead of the fence was committed when it passed');
    assert.ok(drained.getTime() >= before, 'the fence carries the time it was sent');
  });

  it('after a restart, the backlog that waited meanwhile is handled before the fence, and fences never reach a handler or the DLQ', async () => {
    const storeFile = path.join(os.tmpdir(), `fences-${process.pid}-${Date.now()}.db`);
    const store = createSqliteStore({ file: storeFile });
    harness.onDispose(async () => {
      await store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(storeFile + suffix, { force: true });
    });
    const first = await harness.service({ service: 'restarted', handlers: counting, store });
    await first.messaging.stop();

    const client = await openRawClient(brokerUrl);
    harness.onDispose(() => client.close());
    const exchange = topologyNames(harness.prefix, 'x').eventsExchange;
    const backlog = 300;
    for (let index = 0; index < backlog; index += 1) {
      const routingKey = index % 2 === 0 ? 'stock.reserved' : 'payment.captured';
      const event = index % 2 === 0 ? stockReserved() : createEvent('payment.captured', { orderId: randomUUID(), paymentId: `p-${index}`, amountCents: 1 }, { source: 'payment-service' });
      await client.publish(exchange, routingKey, Buffer.from(JSON.stringify(event)));
    }

    let consumed = 0;
    const metrics = { ...noopMetrics, consumed: () => void (consumed += 1) };
    const second = await harness.service({ service: 'restarted', handlers: counting, store, metrics });
    await second.messaging.sendFence();
    const { seen } = await whenDrained(second.messaging, () => totalEffects(store), 20_000);
    assert.equal(seen.keys, backlog, 'the whole backlog was applied before the fences came through');
    assert.equal(consumed, backlog, 'fences are not counted as consumed events');

    const names = topologyNames(harness.prefix, 'restarted');
    const depths = await withBrokerChannel(brokerUrl, async (channel) => ({
      dlq: (await channel.checkQueue(names.deadLetterQueue)).messageCount,
      stock: (await channel.checkQueue(names.consumerQueue('stock.reserved'))).messageCount,
      payment: (await channel.checkQueue(names.consumerQueue('payment.captured'))).messageCount,
    }));
    assert.deepEqual(depths, { dlq: 0, stock: 0, payment: 0 }, 'fences were acked, not parked or left behind');
  });
});
