import { firstBrokerUrl } from '@troupe/messaging';

/** The RabbitMQ management API, reached with the credentials of the AMQP URL the apps use. */
export interface BrokerAdmin {
  baseUrl: string;
  authorization: string;
}

/**
 * `amqpUrl` may list a cluster's nodes: the default management API is the first node's (port 15672), which answers
 * for the whole cluster; give `managementUrl` when that node's API is elsewhere (the local cluster's is on 15681…).
 */
export function brokerAdmin(amqpUrl: string, managementUrl?: string): BrokerAdmin {
  const amqp = new URL(firstBrokerUrl(amqpUrl));
  const user = decodeURIComponent(amqp.username || 'guest');
  const password = decodeURIComponent(amqp.password || 'guest');
  return {
    baseUrl: managementUrl ?? `http://${amqp.hostname}:15672`,
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  };
}

export interface QueueDepth {
  name: string;
  vhost: string;
  /** Ready + unacknowledged, as of the broker's last statistics tick. */
  messages: number;
}

async function api(admin: BrokerAdmin, method: string, path: string): Promise<unknown> {
  const response = await fetch(`${admin.baseUrl}/api${path}`, {
    method,
    headers: { authorization: admin.authorization },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok && response.status !== 404) throw new Error(`${method} ${path}: management API answered ${response.status}`);
  return method === 'GET' ? response.json() : undefined;
}

export async function queuesWithPrefix(admin: BrokerAdmin, prefix: string): Promise<QueueDepth[]> {
  const queues = (await api(admin, 'GET', '/queues?columns=name,vhost,messages')) as Array<Partial<QueueDepth>>;
  return queues
    .filter((queue) => typeof queue.name === 'string' && queue.name.startsWith(prefix))
    .map((queue) => ({ name: queue.name!, vhost: queue.vhost ?? '/', messages: queue.messages ?? 0 }));
}

/** Deletes every queue and exchange of one test namespace, so runs do not pile up on the shared broker. */
export async function deleteNamespace(admin: BrokerAdmin, prefix: string): Promise<void> {
  if (prefix.length === 0) throw new Error('refusing to delete a namespace with an empty prefix');
  for (const queue of await queuesWithPrefix(admin, prefix)) {
    await api(admin, 'DELETE', `/queues/${encodeURIComponent(queue.vhost)}/${encodeURIComponent(queue.name)}`);
  }
  const exchanges = (await api(admin, 'GET', '/exchanges?columns=name,vhost')) as Array<{ name: string; vhost: string }>;
  for (const exchange of exchanges.filter((candidate) => candidate.name.startsWith(prefix))) {
    await api(admin, 'DELETE', `/exchanges/${encodeURIComponent(exchange.vhost)}/${encodeURIComponent(exchange.name)}`);
  }
}
