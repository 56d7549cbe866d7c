import type { Channel, ChannelModel, ConfirmChannel, Options } from 'amqplib';
import { connectAnyNode } from './connect-any-node';

/**
 * A bare amqplib client for tests and benchmarks (the baseline our pipeline is measured against, drivers
 * and sinks), so nothing outside this lib needs amqplib. Not for services: no recovery, no topology.
 */
export interface RawClient {
  /** Confirmed, persistent publish. */
  publish(exchange: string, routingKey: string, body: Buffer, properties?: Options.Publish): Promise<void>;
  /** A durable quorum queue bound to `exchange` by `routingKey` (exchange must exist). */
  declareBoundQueue(queue: string, exchange: string, routingKey: string): Promise<void>;
  declareTopicExchange(exchange: string): Promise<void>;
  /** Auto-acked consumer; returns a function that cancels it. */
  consume(queue: string, onMessage: (body: Buffer, headers: Record<string, unknown>) => void, prefetch?: number): Promise<() => Promise<void>>;
  /**
   * The baseline hop: consume `from`, publish the body unchanged with confirms to `exchange`/`routingKey`,
   * then ack. Returns a function that stops it.
   */
  relay(from: string, exchange: string, routingKey: string, prefetch: number): Promise<() => Promise<void>>;
  deleteQueue(queue: string): Promise<void>;
  deleteExchange(exchange: string): Promise<void>;
  close(): Promise<void>;
}

export async function openRawClient(url: string): Promise<RawClient> {
  const model: ChannelModel = await connectAnyNode(url);
  model.on('error', () => undefined);
  const channel = async (): Promise<Channel> => (await model.createChannel()).on('error', () => undefined);
  const confirmChannel = async (): Promise<ConfirmChannel> => (await model.createConfirmChannel()).on('error', () => undefined) as ConfirmChannel;
  const admin = await channel();
  const publisher = await confirmChannel();
  const confirmedPublish = (target: ConfirmChannel, exchange: string, routingKey: string, body: Buffer, properties: Options.Publish = {}) =>
    new Promise<void>((resolve, reject) => {
      target.publish(exchange, routingKey, body, { ...properties, persistent: true }, (error) => (error ? reject(new Error(String(error))) : resolve()));
    });

  return {
    publish: (exchange, routingKey, body, properties) => confirmedPublish(publisher, exchange, routingKey, body, properties),
    async declareTopicExchange(exchange) {
      await admin.assertExchange(exchange, 'topic', { durable: true });
    },
    async declareBoundQueue(queue, exchange, routingKey) {
      await admin.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
      await admin.bindQueue(queue, exchange, routingKey);
    },
    async consume(queue, onMessage, prefetch = 256) {
      const consumer = await channel();
      await consumer.prefetch(prefetch);
      await consumer.consume(queue, (message) => {
        if (!message) return;
        consumer.ack(message);
        onMessage(message.content, message.properties.headers ?? {});
      });
      return () => consumer.close().catch(() => undefined);
    },
    async relay(from, exchange, routingKey, prefetch) {
      const consumer = await channel();
      const output = await confirmChannel();
      await consumer.prefetch(prefetch);
      await consumer.consume(from, (message) => {
        if (!message) return;
        confirmedPublish(output, exchange, routingKey, message.content, message.properties).then(
          () => consumer.ack(message),
          () => consumer.nack(message, false, true),
        );
      });
      return async () => {
        await consumer.close().catch(() => undefined);
        await output.close().catch(() => undefined);
      };
    },
    async deleteQueue(queue) {
      await admin.deleteQueue(queue);
    },
    async deleteExchange(exchange) {
      await admin.deleteExchange(exchange);
    },
    close: () => model.close().catch(() => undefined),
  };
}
