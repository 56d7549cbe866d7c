/** Where the RabbitMQ management API answers; tests may point elsewhere with RABBITMQ_MANAGEMENT_URL. */
const defaultManagementUrl = process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672';

/**
 * Deletes every queue and exchange whose name starts with `prefix`, whatever the processes under test declared.
 * Cleaning by prefix rather than by a re-derived topology means a service that starts consuming a new event
 * cannot leave its new queues behind on the shared broker.
 */
export async function deleteBrokerNamespace(prefix: string, managementUrl = defaultManagementUrl): Promise<void> {
  if (prefix.length === 0) throw new Error('refusing to delete a namespace with an empty prefix');
  const url = new URL(managementUrl);
  const headers = { authorization: `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` };
  const api = `${url.protocol}//${url.host}/api`;
  for (const kind of ['queues', 'exchanges'] as const) {
    const response = await fetch(`${api}/${kind}?columns=name,vhost`, { headers });
    if (!response.ok) throw new Error(`GET ${kind}: management API answered ${response.status}`);
    const entries = (await response.json()) as Array<{ name: string; vhost: string }>;
    for (const { name, vhost } of entries.filter((entry) => entry.name.startsWith(prefix))) {
      await fetch(`${api}/${kind}/${encodeURIComponent(vhost)}/${encodeURIComponent(name)}`, { method: 'DELETE', headers });
    }
  }
}
