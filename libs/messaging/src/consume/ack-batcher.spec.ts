import assert from 'node:assert/strict';
import type { ConsumeMessage } from 'amqplib';
import { AckBatcher, type SettlingChannel } from './ack-batcher';

/** Records what would go on the wire. */
function recordingChannel(): SettlingChannel & { wire: string[] } {
  const wire: string[] = [];
  return {
    wire,
    ack: (message, allUpTo) => void wire.push(`ack ${message.fields.deliveryTag}${allUpTo ? ' multiple' : ''}`),
    nack: (message, allUpTo, requeue) => void wire.push(`nack ${message.fields.deliveryTag}${allUpTo ? ' multiple' : ''}${requeue ? ' requeue' : ''}`),
  };
}

const delivery = (deliveryTag: number) => ({ fields: { deliveryTag } }) as ConsumeMessage;
const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('AckBatcher', () => {
  it('acks a run of deliveries settled in one turn with one multiple ack, at the end of the turn', async () => {
    const channel = recordingChannel();
    const acks = new AckBatcher(channel);
    const messages = [1, 2, 3, 4].map(delivery);
    messages.forEach((message) => acks.received(message));
    for (const message of [messages[2]!, messages[0]!, messages[3]!, messages[1]!]) acks.ack(message);
    assert.deepEqual(channel.wire, [], 'nothing is sent before the turn ends');
    await endOfTurn();
    assert.deepEqual(channel.wire, ['ack 4 multiple']);
  });

  it('acks a lone delivery without multiple', async () => {
    const channel = recordingChannel();
    const acks = new AckBatcher(channel);
    const [first, second] = [delivery(7), delivery(8)];
    acks.received(first);
    acks.received(second);
    acks.ack(first);
    await endOfTurn();
    assert.deepEqual(channel.wire, ['ack 7']);
  });

  it('never lets a delivery in progress hold back those acked after it: they are acked singly', async () => {
    const channel = recordingChannel();
    const acks = new AckBatcher(channel);
    const messages = [1, 2, 3, 4, 5].map(delivery);
    messages.forEach((message) => acks.received(message));
    [1, 2, 4, 5].forEach((tag) => acks.ack(messages[tag - 1]!));
    await endOfTurn();
    assert.deepEqual(channel.wire, ['ack 2 multiple', 'ack 4', 'ack 5'], 'a multiple ack up to 5 would also have acked 3, still running');
    acks.ack(messages[2]!);
    await endOfTurn();
    assert.deepEqual(channel.wire.slice(3), ['ack 3']);
  });

  it('sends a requeue at once, before any multiple ack that could cover it', async () => {
    const channel = recordingChannel();
    const acks = new AckBatcher(channel);
    const messages = [1, 2, 3].map(delivery);
    messages.forEach((message) => acks.received(message));
    acks.ack(messages[0]!);
    acks.requeue(messages[1]!);
    acks.ack(messages[2]!);
    assert.deepEqual(channel.wire, ['nack 2 requeue']);
    await endOfTurn();
    assert.deepEqual(channel.wire, ['nack 2 requeue', 'ack 3 multiple'], 'tag 2 is no longer outstanding, so the multiple ack covers 1 and 3 only');
  });

  it('flushes on demand (before a deliberate channel close) and sends nothing after discard', async () => {
    const channel = recordingChannel();
    const acks = new AckBatcher(channel);
    const messages = [1, 2, 3].map(delivery);
    messages.forEach((message) => acks.received(message));
    acks.ack(messages[0]!);
    acks.ack(messages[1]!);
    acks.flush();
    assert.deepEqual(channel.wire, ['ack 2 multiple']);
    acks.ack(messages[2]!);
    acks.discard();
    await endOfTurn();
    assert.deepEqual(channel.wire, ['ack 2 multiple'], 'the channel is gone: the broker redelivers, the inbox drops the copy');
  });

  it('ignores a settlement of a delivery it does not hold (already settled, or from a replaced channel)', async () => {
    const channel = recordingChannel();
    const acks = new AckBatcher(channel);
    const message = delivery(1);
    acks.received(message);
    acks.ack(message);
    await endOfTurn();
    acks.ack(message);
    acks.requeue(message);
    acks.ack(delivery(99));
    await endOfTurn();
    assert.deepEqual(channel.wire, ['ack 1']);
  });
});
