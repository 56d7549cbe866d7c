import { randomBytes } from 'node:crypto';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import { openRawClient, type RawClient } from '@troupe/messaging/testing';
import type { SagaTiming, Workload } from './phase';

/** The happy saga's event graph: five hops, each one consumer republishing to the next. */
export const chainSteps = ['order.created', 'stock.reserved', 'payment.captured', 'shipment.scheduled', 'order.confirmed', 'customer.notified'] as const;

/** Same prefetch as the hop benchmark's relay (tools/bench/messaging/hop.ts). */
const relayPrefetch = 32;

export interface RawChain {
  workload: Workload;
  close(): Promise<void>;
}

/**
 * The same event graph with bare amqplib pass-through handlers (`RawClient.relay`: consume, publish the body
 * unchanged with a publisher confirm, ack after the confirm), persistent messages, quorum queues, on the same
 * broker, in its own namespace. A sink queue on the last event ends each chain.
 */
export async function startRawChain(url: string): Promise<RawChain> {
  const prefix = `bench-raw-${randomBytes(3).toString('hex')}.`;
  const exchange = `${prefix}events`;
  const client: RawClient = await openRawClient(url);
  const queues = chainSteps.map((step) => `${prefix}${step}`);
  const stops: Array<() => Promise<void>> = [];
  const waiting = new Map<string, (arrivedAt: number) => void>();
  try {
    await client.declareTopicExchange(exchange);
    for (const [index, step] of chainSteps.entries()) await client.declareBoundQueue(queues[index]!, exchange, step);
    for (let index = 0; index < chainSteps.length - 1; index++) stops.push(await client.relay(queues[index]!, exchange, chainSteps[index + 1]!, relayPrefetch));
    stops.push(
      await client.consume(queues[chainSteps.length - 1]!, (_body, headers) => {
        const arrivedAt = performance.now();
        const chain = String(headers.chain);
        waiting.get(chain)?.(arrivedAt);
        waiting.delete(chain);
      }),
    );
  } catch (error) {
    await client.close();
    throw error;
  }
  const workload: Workload = async (index, startedAt): Promise<SagaTiming> => {
    const id = `${prefix}${index}`;
    const arrived = new Promise<number>((resolve) => waiting.set(id, resolve));
    // A real order.created envelope, so the broker moves bodies of the size our services do.
    const body = Buffer.from(JSON.stringify(sampleEvent('order.created', {}, { source: 'bench-raw' })));
    await client.publish(exchange, chainSteps[0], body, { headers: { chain: id } });
    return { id, startedAt, endedAt: await arrived, outcome: 'chain' };
  };
  return {
    workload,
    async close() {
      for (const stop of stops) await stop();
      for (const queue of queues) await client.deleteQueue(queue).catch(() => undefined);
      await client.deleteExchange(exchange).catch(() => undefined);
      await client.close();
    },
  };
}
