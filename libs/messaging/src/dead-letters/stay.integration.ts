import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { declareTopology } from '../topology/declare-topology';
import { openDlqSession } from './dlq-session';
import { deleteTopologies, withBrokerChannel } from '../testing';
import { buildTopology, topologyNames } from '../topology/topology';
import { Harness } from '../test-support/harness';
import { publishRaw, takeMessages } from '../testing';
import { waitFor } from '../test-support/wait-for';

const brokerUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Looks at every letter of a DLQ `times` times through the DLQ tool's session (each look returns the letters). */
async function lookRepeatedly(queue: string, times: number): Promise<number[]> {
  const counts: number[] = [];
  for (let look = 0; look < times; look += 1) {
    const session = await openDlqSession(brokerUrl, queue);
    let seen = 0;
    while (await session.take()) seen += 1;
    await session.close();
    counts.push(seen);
  }
  return counts;
}

describe('dead letters stay in their DLQ however often they are looked at (real broker)', function () {
  this.timeout(60_000);
  const prefix = `t-dls-${randomBytes(3).toString('hex')}.`;
  const topology = buildTopology({ prefix, service: 'keeper', consumes: ['stock.reserved'] });
  const names = topologyNames(prefix, 'keeper');
  // What RabbitMQ 4.x applies to a quorum DLQ declared without a delivery limit (its default is 20).
  const asOn4x = `${prefix}keeper.dlq-as-on-4x`;

  before(() => withBrokerChannel(brokerUrl, (channel) => declareTopology(channel, topology)));
  after(async () => {
    await withBrokerChannel(brokerUrl, (channel) => channel.deleteQueue(asOn4x).then(() => undefined));
    await deleteTopologies(brokerUrl, [topology]);
  });

  it('keeps a letter looked at 30 times in a Troupe DLQ; the same looks drop it from a DLQ with 4.x defaults', async () => {
    await withBrokerChannel(brokerUrl, async (channel) => {
      await channel.assertQueue(asOn4x, { durable: true, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 20 } });
      for (const queue of [names.deadLetterQueue, asOn4x]) channel.sendToQueue(queue, Buffer.from('{"not":"an event"}'), { persistent: true, messageId: `letter-for-${queue}` });
      await new Promise((resolve) => setTimeout(resolve, 200));
    });

    const kept = await lookRepeatedly(names.deadLetterQueue, 30);
    assert.deepEqual(new Set(kept), new Set([1]), 'the letter was there at every look');
    const control = await lookRepeatedly(asOn4x, 30);
    assert.ok(control.includes(0), `with a delivery limit of 20 the broker drops it: looks saw ${control.join(',')}`);
  });
});

describe('a DLQ declared by an earlier version (real broker)', function () {
  this.timeout(60_000);
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  it('is used as it is, with a warning, instead of failing the start on 406 PRECONDITION_FAILED', async () => {
    const names = topologyNames(harness.prefix, 'upgraded');
    await withBrokerChannel(brokerUrl, (channel) => channel.assertQueue(names.deadLetterQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } }).then(() => undefined));
    const warnings: Array<Record<string, unknown>> = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (fields: Record<string, unknown>) => void warnings.push(fields), error: () => undefined };
    const service = await harness.service({ service: 'upgraded', handlers: { 'stock.reserved': async () => undefined }, logger });
    await waitFor(() => service.messaging.isReady(), 10_000, 'ready despite the older DLQ');
    assert.ok(warnings.some((fields) => fields.queue === names.deadLetterQueue), 'the mismatch was logged, naming the queue');

    await publishRaw(brokerUrl, names.eventsExchange, 'stock.reserved', Buffer.from('not json'));
    const [letter] = await takeMessages(brokerUrl, names.deadLetterQueue, 1, 10_000);
    assert.ok(letter, 'dead letters still reach the DLQ that was there');
  });
});
