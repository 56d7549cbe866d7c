import { randomUUID } from 'node:crypto';
import { toAmqpProperties, type EventEnvelope } from '@troupe/contracts';
import { openRawClient, type RawClient } from '@troupe/messaging/testing';
import { topologyNames } from '@troupe/messaging';

export const brokerUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A test's view of one namespace's event exchange: publishes events and records every event that passes. */
export interface EventBus {
  publish(event: EventEnvelope): Promise<void>;
  seen(type: string, subject: string): EventEnvelope[];
  /** Resolves once `count` events of `type` about `subject` were seen; rejects after `timeoutMs`. */
  waitFor(type: string, subject: string, count?: number, timeoutMs?: number): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}

export async function openEventBus(prefix: string): Promise<EventBus> {
  const client: RawClient = await openRawClient(brokerUrl);
  const exchange = topologyNames(prefix, 'test').eventsExchange;
  const queue = `${prefix}test-sink-${randomUUID()}`;
  await client.declareTopicExchange(exchange);
  await client.declareBoundQueue(queue, exchange, '#');
  const events: EventEnvelope[] = [];
  const cancel = await client.consume(queue, (body) => events.push(JSON.parse(body.toString()) as EventEnvelope));
  const seen = (type: string, subject: string) => events.filter((event) => event.type === type && event.subject === subject);

  return {
    publish: (event) => client.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), toAmqpProperties(event)),
    seen,
    async waitFor(type, subject, count = 1, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (seen(type, subject).length < count) {
        if (Date.now() > deadline) throw new Error(`${count} × ${type} for ${subject}: saw ${seen(type, subject).length} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return seen(type, subject);
    },
    async close() {
      await cancel();
      await client.deleteQueue(queue).catch(() => undefined);
      await client.close();
    },
  };
}
