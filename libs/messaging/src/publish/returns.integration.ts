import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { troupeHeaders } from '../codec/amqp-message';
import { NonRecoverableError } from '../errors';
import { noopMetrics, type MessagingMetrics } from '../metrics';
import type { OutboxRow } from '../outbox/row';
import { brokerUrl, countEffect, effectCount, Harness, stockReserved } from '../test-support/harness';
import { waitFor } from '../test-support/wait-for';
import { publishRaw, takeMessages, withBrokerChannel } from '../testing';
import { topologyNames } from '../topology/topology';

/** Metrics that remember the returns and re-declarations, as `exchange reason` and trigger strings. */
function recordingMetrics(): MessagingMetrics & { returns: string[]; redeclared: string[]; dropped: string[] } {
  const returns: string[] = [];
  const redeclared: string[] = [];
  const dropped: string[] = [];
  return {
    ...noopMetrics,
    returns,
    redeclared,
    dropped,
    returned: (exchange, reason) => void returns.push(`${exchange} ${reason}`),
    topologyRedeclared: (trigger) => void redeclared.push(trigger),
    unroutableDropped: (eventType) => void dropped.push(eventType),
  };
}

const queueExists = (queue: string): Promise<boolean> =>
  withBrokerChannel(brokerUrl, (channel) => channel.checkQueue(queue).then(() => true, () => false));

describe('messaging: returned publishes and lost queues (real broker, SQLite store)', () => {
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  const names = () => topologyNames(harness.prefix, 'payer');
  const publish = (event: { id: string }) =>
    publishRaw(brokerUrl, names().eventsExchange, 'stock.reserved', Buffer.from(JSON.stringify(event)), { messageId: event.id });

  it('keeps a retry whose delay queue was deleted mid-run: re-declares it, and the message ends handled', async () => {
    const metrics = recordingMetrics();
    const attempts = new Map<string, number>();
    const flaky = stockReserved();
    const payer = await harness.service({
      service: 'payer',
      metrics,
      handlers: {
        'stock.reserved': async (event, ctx) => {
          attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
          // Recoverable, once: the first attempt of the "flaky" order goes through the 100 ms delay queue.
          if (event.id === flaky.id && ctx.retryCount === 0) throw new Error('payment gateway timed out');
          await countEffect(ctx.store, event.data.orderId);
        },
      },
    });
    const before = stockReserved();
    await publish(before);
    await waitFor(async () => (await effectCount(payer.store, before.data.orderId)) === 1, 10_000, 'a message handled before the deletion');

    const delayQueue = names().delayQueue(100);
    await withBrokerChannel(brokerUrl, (channel) => channel.deleteQueue(delayQueue));
    await publish(flaky);

    await waitFor(async () => (await effectCount(payer.store, flaky.data.orderId)) === 1, 10_000, 'the retried message handled after the topology was re-declared');
    assert.equal(attempts.get(flaky.id), 2, 'one failed attempt, one retry through the re-declared delay queue');
    assert.ok(await queueExists(delayQueue), 'the delay queue is back');
    assert.deepEqual(metrics.returns, [`${names().retryExchange} no-route`]);
    assert.ok(metrics.redeclared.length >= 1, `re-declared: ${metrics.redeclared.join(', ')}`);
    assert.deepEqual(await takeMessages(brokerUrl, names().deadLetterQueue, 1, 300), [], 'nothing dead-lettered');
    assert.ok(payer.messaging.isReady());
  });

  it('keeps a retry whose exchange was deleted (the publish closes the channel with 404): re-declares it, and the message ends handled', async () => {
    const metrics = recordingMetrics();
    const flaky = stockReserved();
    const payer = await harness.service({
      service: 'payer',
      metrics,
      handlers: {
        'stock.reserved': async (event, ctx) => {
          if (ctx.retryCount === 0) throw new Error('inventory lookup timed out');
          await countEffect(ctx.store, event.data.orderId);
        },
      },
    });
    await withBrokerChannel(brokerUrl, (channel) => channel.deleteExchange(names().retryExchange));
    await publish(flaky);
    await waitFor(async () => (await effectCount(payer.store, flaky.data.orderId)) === 1, 10_000, 'the retried message handled after the exchange was re-declared');
    assert.deepEqual(metrics.returns, [`${names().retryExchange} no-exchange`]);
    assert.ok(payer.messaging.isReady());
  });

  it('keeps a dead letter whose DLQ was deleted: re-declares the DLQ and the poison message ends in it', async () => {
    const metrics = recordingMetrics();
    await harness.service({
      service: 'payer',
      metrics,
      handlers: {
        'stock.reserved': async () => {
          throw new NonRecoverableError('card blocked for good');
        },
      },
    });
    await withBrokerChannel(brokerUrl, (channel) => channel.deleteQueue(names().deadLetterQueue));
    const poison = stockReserved();
    await publish(poison);

    await waitFor(() => queueExists(names().deadLetterQueue), 10_000, 'the DLQ re-declared');
    const [dead] = await takeMessages(brokerUrl, names().deadLetterQueue, 1, 10_000);
    assert.ok(dead, 'the poison message is in the re-declared DLQ');
    assert.equal(dead.properties.messageId, poison.id);
    assert.equal(dead.properties.headers![troupeHeaders.reason], 'non-recoverable');
    assert.equal(dead.properties.headers!['x-troupe-publish-id'] !== undefined, true, 'parked by the mandatory publisher');
    assert.deepEqual(metrics.returns, [`${names().deadLetterExchange} no-route`]);
    assert.ok(metrics.redeclared.length >= 1);
  });

  it('is not ready while a consumer has lost its queue; re-declares it and consumes again', async () => {
    const metrics = recordingMetrics();
    const payer = await harness.service({
      service: 'payer',
      metrics,
      handlers: { 'stock.reserved': async (event, ctx) => countEffect(ctx.store, event.data.orderId) },
    });
    assert.ok(payer.messaging.isReady());
    const queue = names().consumerQueue('stock.reserved');
    await withBrokerChannel(brokerUrl, (channel) => channel.deleteQueue(queue));
    // The broker cancels the consumer; from then until it consumes again, /health (isReady) must say so.
    await waitFor(() => !payer.messaging.isReady(), 5000, 'isReady() false once the consumer lost its queue', 2);

    await waitFor(() => payer.messaging.isReady(), 10_000, 'isReady() true again after re-declaring and reopening');
    assert.ok(await queueExists(queue), 'the consumer queue is back');
    assert.ok(metrics.redeclared.includes('consumer-lost'), `re-declared: ${metrics.redeclared.join(', ')}`);
    const after = stockReserved();
    await publish(after);
    await waitFor(async () => (await effectCount(payer.store, after.data.orderId)) === 1, 10_000, 'a message published after the re-declaration handled');
    assert.ok(payer.messaging.isReady());
  });

  it('leaves an outbox event that no queue is bound to pending, and publishes it once a consumer queue exists', async () => {
    const metrics = recordingMetrics();
    const producer = await harness.service({ service: 'producer', metrics, outbox: { intervalMs: 100, leaseMs: 300 } });
    const event = await producer.messaging.transaction((_session, outbox) => outbox.emit('payment.captured', { orderId: randomUUID(), paymentId: 'p-1', amountCents: 1 }));
    const exchange = topologyNames(harness.prefix, 'producer').eventsExchange;
    await waitFor(() => metrics.returns.length >= 2, 5000, 'returned by the writer, then again by the relay');
    assert.ok(metrics.returns.every((entry) => entry === `${exchange} no-route`), metrics.returns.join(', '));
    const row = () => producer.store.collection<OutboxRow>('troupe_outbox').get(event.id);
    assert.equal((await row())?.status, 'pending', 'not marked sent while nobody received it');

    const seen: string[] = [];
    await harness.service({ service: 'sink', handlers: { 'payment.captured': async (received) => void seen.push(received.id) } });
    await waitFor(() => seen.includes(event.id), 10_000, 'the pending event delivered once a queue was bound');
    await waitFor(async () => (await row())?.status === 'sent', 5000, 'row marked sent');
    assert.deepEqual(metrics.dropped, []);
  });

  it('gives up an outbox event routed to no queue for longer than unroutableGraceMs, with a metric', async () => {
    const metrics = recordingMetrics();
    const producer = await harness.service({ service: 'producer', metrics, outbox: { unroutableGraceMs: 0 } });
    const event = await producer.messaging.transaction((_session, outbox) => outbox.emit('payment.captured', { orderId: randomUUID(), paymentId: 'p-2', amountCents: 1 }));
    await waitFor(async () => (await producer.store.collection<OutboxRow>('troupe_outbox').get(event.id))?.status === 'sent', 5000, 'row given up');
    assert.deepEqual(metrics.dropped, ['payment.captured']);
    assert.equal(metrics.returns.length, 1);
  });
});
