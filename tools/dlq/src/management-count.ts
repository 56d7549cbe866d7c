import { firstBrokerUrl } from '@troupe/messaging';

/**
 * The DLQ's counts from the management API. Over AMQP only *ready* messages are counted; letters held unacked by a
 * consumer or another `troupe dlq` run are invisible there, and `list` says so when `--management-url` is given.
 * Credentials are the AMQP URL's (guest/guest by default).
 */
export interface QueueCounts {
  messages: number;
  unacknowledged: number;
}

/** `amqpUrl` may list a cluster's nodes; every node has the same users and vhosts, so the first one's are used. */
export async function managementCounts(managementUrl: string, amqpUrl: string, queue: string): Promise<QueueCounts> {
  const amqp = new URL(firstBrokerUrl(amqpUrl));
  const vhost = decodeURIComponent(amqp.pathname.slice(1)) || '/';
  const user = decodeURIComponent(amqp.username || 'guest');
  const password = decodeURIComponent(amqp.password || 'guest');
  const url = `${managementUrl.replace(/\/$/, '')}/api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`;
  const response = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  if (!response.ok) throw new Error(`management API ${url}: HTTP ${response.status}`);
  const body = (await response.json()) as { messages?: number; messages_unacknowledged?: number };
  return { messages: body.messages ?? 0, unacknowledged: body.messages_unacknowledged ?? 0 };
}
