import assert from 'node:assert/strict';
import type { OutboxRow } from './outbox/row';
import { brokerUrl, countEffect, effectCount, Harness, stockReserved } from './test-support/harness';
import { waitFor } from './test-support/wait-for';
import { publishRaw, withBrokerChannel } from './testing';
import { topologyNames } from './topology/topology';

describe('messaging graceful stop (real broker, SQLite store)', () => {
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  it('stops consuming, lets the handler in flight finish, acks it, publishes and marks its reaction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    // Prefetch 1: the late message cannot be delivered before the in-flight one is acked, and the ack
    // travels on the consumer channel after the cancel, so only a working cancel keeps it from being handled.
    const payer = await harness.service({
      service: 'payer',
      prefetch: 1,
      handlers: {
        'stock.reserved': async (event, ctx) => {
          started = true;
          await gate;
          await countEffect(ctx.store, event.data.orderId);
          await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: 'pay_stop', amountCents: 1 });
        },
      },
    });
    harness.onDispose(async () => release()); // runs first on dispose, so a failed test never leaves the handler hanging
    // A queue for the reaction: an event routed to no queue would stay pending in the outbox (see "Returned messages").
    const sink = await harness.service({ service: 'sink', handlers: { 'payment.captured': async () => undefined } });
    await sink.messaging.stop();
    const names = topologyNames(harness.prefix, 'payer');
    const event = stockReserved();
    await publishRaw(brokerUrl, names.eventsExchange, 'stock.reserved', Buffer.from(JSON.stringify(event)));
    await waitFor(() => started, 10_000, 'handler started');

    const stopping = payer.messaging.stop({ timeoutMs: 10_000 });
    const queue = names.consumerQueue('stock.reserved');
    const late = stockReserved();
    await publishRaw(brokerUrl, names.eventsExchange, 'stock.reserved', Buffer.from(JSON.stringify(late)));
    release();
    await stopping;

    assert.equal(await effectCount(payer.store, event.data.orderId), 1);
    assert.equal(await effectCount(payer.store, late.data.orderId), 0, 'nothing consumed after stop began');
    const rows = await payer.store.collection<OutboxRow>('troupe_outbox').find();
    assert.deepEqual(rows.map((row) => row.status), ['sent']);
    const queued = await withBrokerChannel(brokerUrl, (channel) => channel.checkQueue(queue));
    assert.equal(queued.messageCount, 1, 'the in-flight delivery was acked; only the late one waits');
  });
});
