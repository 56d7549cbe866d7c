import assert from 'node:assert/strict';
import { createSqliteStore, withTransactionReruns } from '@troupe/persistence';
import { seededRandom } from '@troupe/testing';
import type { HandlerMap } from './handler';
import { countEffect, effectCount, Harness, stockReserved, totalEffects, brokerUrl } from '../test-support/harness';
import { openRawClient } from '../testing';
import { topologyNames } from '../topology/topology';
import { waitFor } from '../test-support/wait-for';

describe('messaging when the store re-runs transaction functions (MongoDB semantics, real broker)', function () {
  this.timeout(60_000);
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  it('a producer transaction publishes only the events of the attempt that committed', async () => {
    const inner = createSqliteStore({ file: ':memory:' });
    harness.onDispose(() => inner.close());
    let reruns = 0;
    const producer = await harness.service({ service: 'producer', store: withTransactionReruns(inner, { share: 1, onRerun: () => (reruns += 1) }) });
    // Recorded through the session: a handler's own effects must survive its store re-running it too.
    const sink = await harness.service({ service: 'sink', handlers: { 'payment.captured': async (event, ctx) => void (await ctx.store.collection('seen').insert({ _id: event.id })) } });
    const seen = async () => (await sink.store.collection('seen').find()).map((row) => row._id);

    const emitted: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const event = await producer.messaging.transaction((_session, outbox) => outbox.emit('payment.captured', { orderId: stockReserved().data.orderId, paymentId: `p-${index}`, amountCents: 1 }));
      emitted.push(event.id);
    }
    assert.equal(reruns, 5, 'every transaction ran twice');
    await waitFor(async () => (await seen()).length >= 5, 10_000, 'five events delivered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual((await seen()).sort(), [...emitted].sort(), 'exactly the committed events, none from a rolled-back attempt');
    const outbox = await inner.collection('troupe_outbox').find();
    assert.deepEqual(outbox.map((row) => row._id).sort(), [...emitted].sort());
  });

  it('consumers lose no delivery and apply each once when a third of their transactions re-run', async () => {
    const payerStore = createSqliteStore({ file: ':memory:' });
    const shipperStore = createSqliteStore({ file: ':memory:' });
    harness.onDispose(() => payerStore.close());
    harness.onDispose(() => shipperStore.close());
    let reruns = 0;
    const onRerun = () => (reruns += 1);
    const payerHandlers: HandlerMap = {
      'stock.reserved': async (event, ctx) => {
        await countEffect(ctx.store, event.data.orderId);
        await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: `pay-${event.id.slice(0, 8)}`, amountCents: 100 });
      },
    };
    await harness.service({ service: 'payer', handlers: payerHandlers, store: withTransactionReruns(payerStore, { share: 0.3, random: seededRandom(7), onRerun }) });
    await harness.service({
      service: 'shipper',
      handlers: { 'payment.captured': async (event, ctx) => countEffect(ctx.store, event.data.orderId) },
      store: withTransactionReruns(shipperStore, { share: 0.3, random: seededRandom(11), onRerun }),
    });

    const client = await openRawClient(brokerUrl);
    harness.onDispose(() => client.close());
    const exchange = topologyNames(harness.prefix, 'x').eventsExchange;
    const orders = Array.from({ length: 150 }, () => stockReserved());
    for (const event of orders) await client.publish(exchange, 'stock.reserved', Buffer.from(JSON.stringify(event)));

    await waitFor(async () => (await totalEffects(shipperStore)).keys === orders.length, 30_000, 'every order reached the shipper');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(reruns > 20, `re-runs happened (${reruns})`);
    for (const store of [payerStore, shipperStore]) assert.deepEqual(await totalEffects(store), { keys: orders.length, sum: orders.length, max: 1 });
    assert.equal(await effectCount(payerStore, orders[0]!.data.orderId), 1);
    // Still consuming after all those re-runs: a batcher that lost count would have stopped starting batches.
    const late = stockReserved();
    await client.publish(exchange, 'stock.reserved', Buffer.from(JSON.stringify(late)));
    await waitFor(async () => (await effectCount(shipperStore, late.data.orderId)) === 1, 10_000, 'a late order still flows');
  });
});
