import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import { buildTopology, topologyNames, troupeHeaders } from '@troupe/messaging';
import { deleteTopologies, publishRaw, takeMessages, withBrokerChannel } from '@troupe/messaging/testing';
import { listDeadLetters, purgeDeadLetters, replayDeadLetters, showDeadLetter } from './dead-letter-actions';
import { replayedAtHeader } from './replay-properties';

const url = process.env.RABBITMQ_URL || 'amqp://guest:guest@localhost:5672';

async function settledCount(queue: string, expected: number): Promise<number> {
  const count = () => withBrokerChannel(url, async (channel) => (await channel.checkQueue(queue)).messageCount);
  let now = await count();
  for (let tries = 0; now !== expected && tries < 100; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    now = await count();
  }
  return now;
}

// The functions the saga board calls: the same snapshot, checks and replay as `troupe dlq`, answering data.
describe('dead-letter actions as functions (real broker)', () => {
  const prefix = `dlq-actions-${randomUUID().slice(0, 8)}.`;
  const service = 'payment-service';
  const target = { url, prefix, service };
  const topology = buildTopology({ prefix, service, consumes: ['stock.reserved'] });
  const names = topologyNames(prefix, service);
  const original = names.consumerQueue('stock.reserved');
  const first = sampleEvent('stock.reserved');
  const second = sampleEvent('stock.reserved');
  const invalid = { ...sampleEvent('stock.reserved'), data: { notAField: true } };

  const park = (event: { id: string; type: string }, reason: string) =>
    publishRaw(url, '', names.deadLetterQueue, Buffer.from(JSON.stringify(event)), {
      messageId: event.id,
      type: event.type,
      contentType: 'application/json',
      headers: {
        [troupeHeaders.error]: `${reason}: handler said no`,
        [troupeHeaders.reason]: reason,
        [troupeHeaders.service]: service,
        [troupeHeaders.failedAt]: new Date().toISOString(),
        [troupeHeaders.originalRoutingKey]: 'stock.reserved',
        [troupeHeaders.originalQueue]: original,
        [troupeHeaders.retryCount]: 3,
      },
    });

  before(async () => {
    await withBrokerChannel(url, async (channel) => {
      for (const exchange of topology.exchanges) await channel.assertExchange(exchange.name, exchange.type, { durable: true });
      for (const queue of topology.queues) await channel.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
      for (const binding of topology.bindings) await channel.bindQueue(binding.queue, binding.exchange, binding.pattern, binding.arguments);
    });
    await park(first, 'retries-exhausted');
    await park(invalid, 'invalid-data');
    await park(second, 'non-recoverable');
  });
  after(() => deleteTopologies(url, [topology]));

  it('lists the letters with their reasons and returns them all; a DLQ never declared is `missing`, not an error', async () => {
    const list = await listDeadLetters(target);
    assert.equal(list.count, 3);
    assert.deepEqual(list.letters.map((letter) => [letter.messageId, letter.reason]), [[first.id, 'retries-exhausted'], [invalid.id, 'invalid-data'], [second.id, 'non-recoverable']]);
    assert.equal(await settledCount(names.deadLetterQueue, 3), 3);
    const none = await listDeadLetters({ ...target, prefix: `${prefix}never.` });
    assert.deepEqual({ missing: none.missing, count: none.count }, { missing: true, count: 0 });
  });

  it('shows one letter in full, JSON-safe, with what today’s contracts say and whether a replay would take it', async () => {
    const [shown] = await showDeadLetter(target, invalid.id);
    assert.equal(shown!.validation.valid, false);
    assert.ok(!shown!.validation.valid && shown!.validation.errors.some((error) => /notAField|required/.test(error)), JSON.stringify(shown!.validation));
    assert.equal(shown!.replay.ok, false);
    assert.equal(shown!.headers[troupeHeaders.originalQueue], original);
    assert.equal(typeof shown!.headers[troupeHeaders.retryCount], 'number');
    assert.equal(JSON.parse(shown!.body).id, invalid.id);
    const [valid] = await showDeadLetter(target, first.id);
    assert.deepEqual({ validation: valid!.validation, replay: valid!.replay }, { validation: { valid: true }, replay: { ok: true, queue: original } });
    assert.deepEqual(await showDeadLetter(target, 'no-such-id'), []);
    assert.equal(await settledCount(names.deadLetterQueue, 3), 3);
  });

  it('replays a selection to the original queue, keeps the invalid one with its reason, says which ids were gone', async () => {
    const outcome = await replayDeadLetters(target, [first.id, invalid.id, 'gone'], 50);
    assert.deepEqual(outcome.replayed, [first.id]);
    assert.deepEqual(outcome.kept.map((kept) => kept.messageId), [invalid.id]);
    assert.deepEqual(outcome.notFound, ['gone']);
    const [copy] = await takeMessages(url, original, 1, 5_000);
    assert.equal(copy!.properties.messageId, first.id);
    assert.ok(copy!.properties.headers?.[replayedAtHeader]);
    assert.equal(await settledCount(names.deadLetterQueue, 2), 2);
  });

  it('purges a selection and nothing else', async () => {
    const outcome = await purgeDeadLetters(target, [second.id]);
    assert.deepEqual(outcome, { purged: [second.id], notFound: [] });
    assert.equal(await settledCount(names.deadLetterQueue, 1), 1);
    assert.deepEqual((await listDeadLetters(target)).letters.map((letter) => letter.messageId), [invalid.id]);
  });
});
