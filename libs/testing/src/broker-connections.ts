/** Where the RabbitMQ management API answers; tests may point elsewhere with RABBITMQ_MANAGEMENT_URL. */
const defaultManagementUrl = process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672';

function managementApi(managementUrl: string): { api: string; headers: Record<string, string> } {
  const url = new URL(managementUrl);
  return {
    api: `${url.protocol}//${url.host}/api`,
    headers: { authorization: `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` },
  };
}

/**
 * Has the broker close every connection whose client named itself `connectionName` (`DELETE /api/connections/<name>`),
 * as a node does when it goes away: the client sees a connection.close from the server, not a socket it cut itself.
 * Resolves with the number closed. The management API lists a new connection only after its statistics tick, so a
 * caller that just connected should wait until `brokerConnectionsNamed` finds it.
 */
export async function closeBrokerConnectionsNamed(connectionName: string, reason = 'closed by a test', managementUrl = defaultManagementUrl): Promise<number> {
  const { api, headers } = managementApi(managementUrl);
  const response = await fetch(`${api}/connections?columns=name,client_properties`, { headers, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /api/connections: management API answered ${response.status}`);
  const connections = (await response.json()) as Array<{ name: string; client_properties?: { connection_name?: string } }>;
  const named = connections.filter((connection) => connection.client_properties?.connection_name === connectionName);
  for (const { name } of named) {
    const closed = await fetch(`${api}/connections/${encodeURIComponent(name)}`, { method: 'DELETE', headers: { ...headers, 'x-reason': reason }, signal: AbortSignal.timeout(10_000) });
    if (!closed.ok && closed.status !== 404) throw new Error(`DELETE /api/connections/${name}: management API answered ${closed.status}`);
  }
  return named.length;
}
