import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { troupeHeaders } from '../codec/amqp-message';
import { NonRecoverableError } from '../errors';
import type { HandlerMap } from './handler';
import { noopMetrics } from '../metrics';
import { brokerUrl, countEffect, effectCount, Harness, stockReserved, totalEffects } from '../test-support/harness';
import { waitFor } from '../test-support/wait-for';
import { publishRaw, takeMessages, withBrokerChannel } from '../testing';
import { topologyNames } from '../topology/topology';

describe('messaging failure handling (real broker, SQLite store)', () => {
  let harness: Harness;
  let exchange: string;
  let dlq: string;
  beforeEach(() => {
    harness = new Harness();
    exchange = topologyNames(harness.prefix, 'x').eventsExchange;
    dlq = topologyNames(harness.prefix, 'payer').deadLetterQueue;
  });
  afterEach(() => harness.dispose());

  const publish = (event: { id?: string }, routingKey = 'stock.reserved') =>
    publishRaw(brokerUrl, exchange, routingKey, Buffer.from(JSON.stringify(event)), { messageId: event.id });

  it('retries a failing handler with growing delays, then dead-letters it with the last error while others flow', async () => {
    const poison = stockReserved();
    const attempts: Array<{ at: number; retryCount: number }> = [];
    const retried: number[] = [];
    const payer = await harness.service({
      service: 'payer',
      // Spaced so that broker-side expiry jitter (~100 ms seen here) cannot reorder the gaps.
      retryDelaysMs: [100, 300, 900],
      metrics: { ...noopMetrics, retried: (_type, attempt) => void retried.push(attempt) },
      handlers: {
        'stock.reserved': async (event, ctx) => {
          if (event.id === poison.id) {
            attempts.push({ at: performance.now(), retryCount: ctx.retryCount });
            throw new Error(`card processor exploded on try ${attempts.length}`);
          }
          await countEffect(ctx.store, event.data.orderId);
        },
      },
    });
    await publish(poison);
    const others = Array.from({ length: 10 }, () => stockReserved());
    for (const other of others) await publish(other);

    const [dead] = await takeMessages(brokerUrl, dlq, 1, 15_000);
    assert.ok(dead, "poison message reached the DLQ");
    assert.equal(JSON.parse(dead.content.toString()).id, poison.id);
    const headers = dead.properties.headers!;
    assert.equal(headers[troupeHeaders.reason], 'retries-exhausted');
    assert.match(String(headers[troupeHeaders.error]), /card processor exploded on try 4/);
    assert.equal(headers[troupeHeaders.service], 'payer');
    assert.equal(headers[troupeHeaders.originalRoutingKey], 'stock.reserved');
    assert.equal(headers[troupeHeaders.originalQueue], topologyNames(harness.prefix, 'payer').consumerQueue('stock.reserved'));
    assert.equal(headers[troupeHeaders.retryCount], 3);
    assert.ok(!Number.isNaN(Date.parse(String(headers[troupeHeaders.failedAt]))));
    assert.equal(dead.properties.messageId, poison.id, 'AMQP properties survive the retry trips');

    assert.deepEqual(attempts.map((attempt) => attempt.retryCount), [0, 1, 2, 3]);
    assert.deepEqual(retried, [1, 2, 3]);
    const gaps = attempts.slice(1).map((attempt, index) => attempt.at - attempts[index]!.at);
    assert.ok(gaps[0]! >= 95 && gaps[1]! >= 295 && gaps[2]! >= 895, `each retry waits at least its delay: ${gaps.map(Math.round).join(', ')} ms`);
    // Each wait is at least its delay (above); broker-side expiry is late by up to a few hundred ms on a loaded
    // machine, so only the 9× step between the first and the last delay is compared, never neighbours.
    assert.ok(gaps[2]! > gaps[0]!, `delays grow: ${gaps.map(Math.round).join(', ')} ms`);
    for (const other of others) assert.equal(await effectCount(payer.store, other.data.orderId), 1);
  });

  it('dead-letters at once on NonRecoverableError, without retry trips', async () => {
    let calls = 0;
    await harness.service({
      service: 'payer',
      handlers: {
        'stock.reserved': async () => {
          calls += 1;
          throw new NonRecoverableError('order unknown for good');
        },
      },
    });
    await publish(stockReserved());
    const [dead] = await takeMessages(brokerUrl, dlq, 1, 10_000);
    assert.ok(dead);
    assert.equal(dead.properties.headers![troupeHeaders.reason], 'non-recoverable');
    assert.match(String(dead.properties.headers![troupeHeaders.error]), /order unknown for good/);
    assert.equal(calls, 1);
  });

  it('sends invalid JSON, schema-invalid, unknown-type and oversized messages straight to the DLQ, without a handler call', async () => {
    const handled: string[] = [];
    const payer = await harness.service({
      service: 'payer',
      maxMessageBytes: 4096,
      handlers: {
        'stock.reserved': async (event, ctx) => {
          handled.push(event.id);
          await countEffect(ctx.store, event.data.orderId);
        },
      },
    });
    const valid = stockReserved();
    const unknownType = { ...stockReserved(), type: 'stock.teleported' };
    const schemaInvalid = { ...stockReserved(), data: { orderId: randomUUID(), items: 'lots' } };
    const oversize = { ...stockReserved(), padding: 'x'.repeat(5000) };
    await publishRaw(brokerUrl, exchange, 'stock.reserved', Buffer.from('{"not": json'));
    await publish(schemaInvalid);
    await publish(unknownType);
    await publish(oversize);
    await publish(valid);

    const dead = await takeMessages(brokerUrl, dlq, 4, 10_000);
    const reasons = dead.map((message) => String(message.properties.headers![troupeHeaders.reason])).sort();
    assert.deepEqual(reasons, ['invalid-data', 'not-json', 'oversize', 'unknown-type']);
    for (const message of dead) assert.ok(String(message.properties.headers![troupeHeaders.error]).length > 0);
    await waitFor(async () => (await effectCount(payer.store, valid.data.orderId)) === 1, 10_000, 'valid message still handled');
    assert.deepEqual(handled, [valid.id]);
  });

  it('re-runs a handler at once after an optimistic-concurrency conflict, without a retry trip', async () => {
    let calls = 0;
    const retried: number[] = [];
    const payer = await harness.service({
      service: 'payer',
      metrics: { ...noopMetrics, retried: (_type, attempt) => void retried.push(attempt) },
      handlers: {
        'stock.reserved': async (event, ctx) => {
          calls += 1;
          await countEffect(ctx.store, event.data.orderId);
          if (calls <= 2) throw Object.assign(new Error('lost the race'), { name: 'ConcurrencyError' });
        },
      },
    });
    const event = stockReserved();
    await publish(event);
    await waitFor(async () => (await effectCount(payer.store, event.data.orderId)) === 1, 10_000, 'handled');
    assert.equal(calls, 3);
    assert.deepEqual(retried, []);
  });

  it('never writes an invalid emitted event: the delivery is dead-lettered and the transaction rolled back', async () => {
    const payer = await harness.service({
      service: 'payer',
      handlers: {
        'stock.reserved': async (event, ctx) => {
          await countEffect(ctx.store, event.data.orderId);
          await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: '', amountCents: -1 });
        },
      },
    });
    const event = stockReserved();
    await publish(event);
    const [dead] = await takeMessages(brokerUrl, dlq, 1, 10_000);
    assert.equal(dead?.properties.headers![troupeHeaders.reason], 'non-recoverable');
    assert.match(String(dead?.properties.headers![troupeHeaders.error]), /refusing to emit invalid payment.captured/);
    assert.equal(await payer.store.collection('troupe_outbox').count(), 0);
    assert.deepEqual(await totalEffects(payer.store), { keys: 0, sum: 0, max: 0 });
  });

  it('dead-letters (never drops) a message redelivered past the quorum delivery limit', async () => {
    const handlers: HandlerMap = { 'stock.reserved': async () => undefined };
    const payer = await harness.service({ service: 'payer', deliveryLimit: 2, handlers });
    await payer.messaging.stop();
    const queue = topologyNames(harness.prefix, 'payer').consumerQueue('stock.reserved');
    const event = stockReserved();
    await publish(event);
    // Play a consumer that keeps crashing: every delivery goes back with requeue until the broker gives up.
    await withBrokerChannel(brokerUrl, async (channel) => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const message = await channel.get(queue);
        if (message) channel.nack(message, false, true);
        else if ((await channel.checkQueue(dlq)).messageCount > 0) return;
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    const [dead] = await takeMessages(brokerUrl, dlq, 1, 5000);
    assert.equal(JSON.parse(dead!.content.toString()).id, event.id);
    assert.equal((dead!.properties.headers!['x-death'] as Array<{ reason: string }>)[0]!.reason, 'delivery_limit');
  });
});
