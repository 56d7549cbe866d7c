import type { ChannelModel, ConfirmChannel } from 'amqplib';
import { connectAnyNode } from '../connection/connect-any-node';
import { declareTopology } from './declare-topology';
import type { Topology } from './topology';

/**
 * One broker operation attempted with some user's credentials, for tests of broker permissions: the answer is 'ok'
 * or the AMQP reply code the broker closed the channel (or connection) with — 403 ACCESS_REFUSED for a refusal.
 * Each probe runs on a fresh channel, because a refusal closes the channel it happened on.
 */
export type AccessOperation =
  | { op: 'publish'; exchange: string; routingKey: string }
  | { op: 'consume'; queue: string }
  /** A stream consumer, which a stream requires to have a prefetch and may give a starting offset. */
  | { op: 'consume-stream'; queue: string }
  | { op: 'get'; queue: string }
  | { op: 'purge'; queue: string }
  | { op: 'delete-queue'; queue: string }
  | { op: 'declare-queue'; queue: string }
  | { op: 'declare-exchange'; exchange: string; type: 'topic' | 'headers' | 'fanout' | 'direct' }
  | { op: 'delete-exchange'; exchange: string }
  | { op: 'bind'; queue: string; exchange: string; pattern: string }
  | { op: 'declare-topology'; topology: Topology };

export type AccessResult = 'ok' | number;

export interface AccessProbe {
  attempt(operation: AccessOperation): Promise<AccessResult>;
  close(): Promise<void>;
}

/** Connects with `url` (whose user's permissions are under test); rejects when the connection itself is refused. */
export async function openAccessProbe(url: string): Promise<AccessProbe> {
  const model: ChannelModel = await connectAnyNode(url);
  model.on('error', () => undefined);
  return {
    async attempt(operation) {
      const channel = await model.createConfirmChannel();
      let closedWith: number | undefined;
      channel.on('error', (error: { code?: number }) => {
        closedWith = error.code;
      });
      try {
        await perform(channel, operation);
        return 'ok';
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'number') return code;
        if (closedWith !== undefined) return closedWith;
        throw error;
      } finally {
        await channel.close().catch(() => undefined);
      }
    },
    close: () => model.close().catch(() => undefined),
  };
}

async function perform(channel: ConfirmChannel, operation: AccessOperation): Promise<void> {
  switch (operation.op) {
    case 'publish':
      await new Promise<void>((resolve, reject) => {
        channel.once('close', () => reject(new Error('channel closed')));
        channel.publish(operation.exchange, operation.routingKey, Buffer.from('{}'), { persistent: false }, (error) => (error ? reject(error) : resolve()));
      });
      return;
    case 'consume': {
      const { consumerTag } = await channel.consume(operation.queue, () => undefined);
      await channel.cancel(consumerTag);
      return;
    }
    case 'consume-stream': {
      await channel.prefetch(1);
      const { consumerTag } = await channel.consume(operation.queue, () => undefined, { arguments: { 'x-stream-offset': 'next' } });
      await channel.cancel(consumerTag);
      return;
    }
    case 'get': {
      const message = await channel.get(operation.queue, { noAck: false });
      if (message) channel.nack(message, false, true);
      return;
    }
    case 'purge':
      await channel.purgeQueue(operation.queue);
      return;
    case 'delete-queue':
      await channel.deleteQueue(operation.queue);
      return;
    case 'declare-queue':
      await channel.assertQueue(operation.queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
      return;
    case 'declare-exchange':
      await channel.assertExchange(operation.exchange, operation.type, { durable: true });
      return;
    case 'delete-exchange':
      await channel.deleteExchange(operation.exchange);
      return;
    case 'bind':
      await channel.bindQueue(operation.queue, operation.exchange, operation.pattern);
      return;
    case 'declare-topology':
      await declareTopology(channel, operation.topology);
      return;
  }
}
