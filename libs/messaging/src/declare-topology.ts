import type { Channel } from 'amqplib';
import type { Topology } from './topology';

/** Asserts every exchange, queue and binding; safe to repeat because declarations with equal arguments are no-ops. */
export async function declareTopology(channel: Channel, topology: Topology): Promise<void> {
  for (const exchange of topology.exchanges) await channel.assertExchange(exchange.name, exchange.type, { durable: true });
  for (const queue of topology.queues) await channel.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
  for (const binding of topology.bindings) await channel.bindQueue(binding.queue, binding.exchange, binding.pattern, binding.arguments);
}

/** Removes what `declareTopology` made, queues first. Shared exchanges (the events exchange) go too: callers own the prefix. */
export async function deleteTopology(channel: Channel, topology: Topology): Promise<void> {
  for (const queue of topology.queues) await channel.deleteQueue(queue.name);
  for (const exchange of topology.exchanges) await channel.deleteExchange(exchange.name);
}
