import type { Channel } from 'amqplib';
import type { Topology } from './topology';

export interface DeclareOptions {
  /**
   * Opens a fresh channel. With it, a queue that already exists with other arguments (declared by an older
   * version: the broker answers 406 PRECONDITION_FAILED and closes the channel) is used as it is, and
   * `onMismatch` is told; without it, such a queue fails the declaration.
   */
  reopen?: () => Promise<Channel>;
  onMismatch?: (queue: string, detail: string) => void;
}

/**
 * Asserts every exchange, queue and binding; safe to repeat because declarations with equal arguments are no-ops.
 * Resolves with the channel it ended on (a new one when a mismatch closed the first): the caller closes it.
 */
export async function declareTopology(channel: Channel, topology: Topology, options: DeclareOptions = {}): Promise<Channel> {
  let current = channel;
  for (const exchange of topology.exchanges) await current.assertExchange(exchange.name, exchange.type, { durable: true });
  for (const queue of topology.queues) {
    try {
      await current.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
    } catch (error) {
      if (!options.reopen || !isPreconditionFailed(error)) throw error;
      // The queue is there and keeps its messages; it lacks what this version would add (e.g. a DLQ's limits).
      current = await options.reopen();
      await current.checkQueue(queue.name);
      options.onMismatch?.(queue.name, error instanceof Error ? error.message : String(error));
    }
  }
  for (const binding of topology.bindings) await current.bindQueue(binding.queue, binding.exchange, binding.pattern, binding.arguments);
  return current;
}

function isPreconditionFailed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 406;
}

/** Removes what `declareTopology` made, queues first. Shared exchanges (the events exchange) go too: callers own the prefix. */
export async function deleteTopology(channel: Channel, topology: Topology): Promise<void> {
  for (const queue of topology.queues) await channel.deleteQueue(queue.name);
  for (const exchange of topology.exchanges) await channel.deleteExchange(exchange.name);
}
