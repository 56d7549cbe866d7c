import type { Channel, GetMessage, Options } from 'amqplib';
import { connectAnyNode } from './connection/connect-any-node';
import { deleteTopology } from './topology/declare-topology';
import type { Topology } from './topology/topology';

/** Test helpers for code that runs on the real broker. Each opens its own short-lived connection. */
export async function withBrokerChannel<R>(url: string, work: (channel: Channel) => Promise<R>): Promise<R> {
  const connection = await connectAnyNode(url);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    return await work(channel);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Deletes every queue and exchange of the given topologies (a test's namespace). */
export async function deleteTopologies(url: string, topologies: readonly Topology[]): Promise<void> {
  await withBrokerChannel(url, async (channel) => {
    for (const topology of topologies) await deleteTopology(channel, topology);
  });
}

/** Takes (and acks) up to `count` messages from a queue, polling until `timeoutMs` passes. */
export async function takeMessages(url: string, queue: string, count: number, timeoutMs: number): Promise<GetMessage[]> {
  return withBrokerChannel(url, async (channel) => {
    const taken: GetMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    while (taken.length < count && Date.now() < deadline) {
      const message = await channel.get(queue, { noAck: true });
      if (message) taken.push(message);
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return taken;
  });
}

/** Publishes raw bytes to an exchange (e.g. deliberately broken bodies), with confirms. */
export async function publishRaw(url: string, exchange: string, routingKey: string, body: Buffer, properties: Options.Publish = {}): Promise<void> {
  const connection = await connectAnyNode(url);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    channel.publish(exchange, routingKey, body, { ...properties, persistent: true });
    await channel.waitForConfirms();
  } finally {
    await connection.close().catch(() => undefined);
  }
}

export { openRawClient } from './connection/raw-client';
export type { RawClient } from './connection/raw-client';
export { openAccessProbe } from './topology/access-probe';
export type { AccessProbe, AccessOperation, AccessResult } from './topology/access-probe';
