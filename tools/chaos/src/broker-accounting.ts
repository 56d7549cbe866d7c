import { archiveNames, openDlqSession, troupeHeaders } from '@troupe/messaging';
import { queuesWithPrefix, type BrokerAdmin, type QueueDepth } from '@troupe/order-testing';
import { expectedReason, poisonHeader, type PoisonMessage } from './poison';

/** `archive`: the event archive, a stream that keeps every event by design (read, never consumed away). */
export type QueueRole = 'consumer' | 'retry' | 'dlq' | 'chaos' | 'archive';

export function queueRole(name: string, prefix: string): QueueRole {
  const own = name.slice(prefix.length);
  if (own.startsWith('chaos.')) return 'chaos';
  if (name === archiveNames(prefix).archiveStream) return 'archive';
  if (own.endsWith('.dlq')) return 'dlq';
  if (/\.retry\.\d+$/.test(own)) return 'retry';
  return 'consumer';
}

export interface QueueState {
  consumer: QueueDepth[];
  retry: QueueDepth[];
  dlq: QueueDepth[];
}

export async function queueState(admin: BrokerAdmin, prefix: string): Promise<QueueState> {
  const queues = await queuesWithPrefix(admin, prefix);
  const of = (role: QueueRole) => queues.filter((queue) => queueRole(queue.name, prefix) === role);
  return { consumer: of('consumer'), retry: of('retry'), dlq: of('dlq') };
}

export const held = (queues: readonly QueueDepth[]) => queues.reduce((sum, queue) => sum + queue.messages, 0);

export interface DeadLetterSeen {
  queue: string;
  reason: string;
  routingKey: string;
  type: string;
  poisonTag?: string;
  error: string;
}

/** Reads every letter of every DLQ of the namespace and puts them all back (a DLQ session returns what it holds on close). */
export async function readDeadLetters(url: string, dlqs: readonly QueueDepth[]): Promise<DeadLetterSeen[]> {
  const seen: DeadLetterSeen[] = [];
  for (const { name } of dlqs) {
    const session = await openDlqSession(url, name);
    try {
      for (let index = 0; index < 100_000; index++) {
        const letter = await session.take();
        if (!letter) break;
        const headers = letter.properties.headers;
        const text = (key: string) => (headers[key] === undefined ? '' : String(headers[key]));
        seen.push({
          queue: name,
          reason: text(troupeHeaders.reason) || `broker: ${text('x-first-death-reason') || 'unknown'}`,
          routingKey: text(troupeHeaders.originalRoutingKey),
          type: letter.properties.type ?? '',
          ...(headers[poisonHeader] === undefined ? {} : { poisonTag: text(poisonHeader) }),
          error: text(troupeHeaders.error).slice(0, 200),
        });
      }
    } finally {
      await session.close();
    }
  }
  return seen;
}

/** Queue → the routing keys it is bound with on the events exchange (the management API's view of the topology). */
export async function eventBindings(admin: BrokerAdmin, eventsExchange: string, vhost = '/'): Promise<Array<{ queue: string; routingKey: string }>> {
  const response = await fetch(`${admin.baseUrl}/api/exchanges/${encodeURIComponent(vhost)}/${encodeURIComponent(eventsExchange)}/bindings/source`, {
    headers: { authorization: admin.authorization },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`GET bindings of ${eventsExchange}: management API answered ${response.status}`);
  const bindings = (await response.json()) as Array<{ destination: string; destination_type: string; routing_key: string }>;
  return bindings.filter((binding) => binding.destination_type === 'queue').map((binding) => ({ queue: binding.destination, routingKey: binding.routing_key }));
}

export interface PoisonCheck {
  poison: PoisonMessage;
  /** DLQs it must be in: one per service whose queue is bound to its routing key. */
  expectedIn: string[];
  foundIn: string[];
  /** DLQs holding it with another reason than the one its kind calls for. */
  wrongReason: string[];
}

/** For each poison message: every service consuming its routing key must have parked it in its DLQ, with the reason of its kind. */
export function checkPoison(
  poison: readonly PoisonMessage[],
  letters: readonly DeadLetterSeen[],
  bindings: ReadonlyArray<{ queue: string; routingKey: string }>,
  prefix: string,
): PoisonCheck[] {
  return poison.map((message) => {
    const expectedIn = [
      ...new Set(
        bindings
          .filter((binding) => binding.routingKey === message.routingKey && queueRole(binding.queue, prefix) === 'consumer')
          .map((binding) => `${binding.queue.slice(0, binding.queue.length - message.routingKey.length - 1)}.dlq`),
      ),
    ].sort();
    const mine = letters.filter((letter) => letter.poisonTag === message.tag);
    return {
      poison: message,
      expectedIn,
      foundIn: [...new Set(mine.filter((letter) => letter.reason === expectedReason[message.kind]).map((letter) => letter.queue))].sort(),
      wrongReason: mine.filter((letter) => letter.reason !== expectedReason[message.kind]).map((letter) => `${letter.queue} (${letter.reason})`),
    };
  });
}
