// Which checkout `npm start` runs from, and whether another checkout's workers already use the broker's names.
// Two clones on one broker with the default names would consume each other's queues, park letters in each other's
// DLQs, and (with provisioning) rotate each other's broker passwords: `npm start` refuses instead (docs/architecture.md,
// "One namespace per broker user").
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';

/**
 * A short id for the checkout at `root`, from its real path: stable across starts without a file to keep, and
 * different for a copy of the checkout (a file under data/ would travel with `cp -r` and make two copies one).
 */
export function checkoutId(root) {
  return createHash('sha256').update(realpathSync(root)).digest('hex').slice(0, 8);
}

/** The `connection_name` a worker under `npm start` gives its connection (libs/worker `connectionNameOf`). */
const markedName = /^(.*) \(checkout ([0-9a-f]{8})\)$/;

/**
 * The connections (management API `/api/connections` rows) of Troupe workers from other checkouts that would share
 * names with a start of `services` on `vhost` under `prefix`. `provisioning`: this start will (re)provision the
 * vhost's per-service users, which another checkout's workers log in as, so any of them on the vhost is a clash,
 * whatever its prefix. Workers started without `npm start` (an older checkout, `npm run worker`) carry no checkout:
 * on the provisioned vhost they are returned apart, as `unmarked`, since they may be this checkout's own.
 */
export function otherCheckouts(connections, { ownId, vhost, prefix, services, provisioning }) {
  const names = new Set(services);
  const others = new Map();
  const unmarked = [];
  for (const connection of connections) {
    if ((connection.vhost ?? '/') !== vhost) continue;
    const name = connection.client_properties?.connection_name ?? '';
    const marked = markedName.exec(name);
    if (!marked) {
      // Only on the provisioned vhost is a bare service name known to mean the default names (its users may use no
      // other); elsewhere it may be a test kit's worker under a prefix of its own.
      if (names.has(name) && prefix === '' && provisioning) unmarked.push(name);
      continue;
    }
    const [, prefixed, id] = marked;
    if (id === ownId) continue;
    const service = services.find((candidate) => prefixed.endsWith(candidate) && names.has(candidate));
    if (!service) continue;
    const theirPrefix = prefixed.slice(0, prefixed.length - service.length);
    if (!provisioning && theirPrefix !== prefix) continue;
    const entry = others.get(id) ?? { checkout: id, prefix: theirPrefix, services: new Set(), peers: new Set() };
    entry.services.add(service);
    if (connection.peer_host) entry.peers.add(connection.peer_host);
    others.set(id, entry);
  }
  return {
    others: [...others.values()].map((entry) => ({ ...entry, services: [...entry.services].sort(), peers: [...entry.peers].sort() })),
    unmarked: [...new Set(unmarked)].sort(),
  };
}

/** What `npm start` prints when it refuses: who is there, and the two ways to go on. */
export function describeClash(others, { vhost, prefix, provisioning = false }) {
  const where = `vhost ${vhost}${prefix ? `, prefix "${prefix}"` : ', the default names'}`;
  const lines = [`another Troupe checkout already runs workers on this broker (${where}):`];
  for (const other of others) {
    lines.push(`  checkout ${other.checkout}${other.peers.length > 0 ? ` on ${other.peers.join(', ')}` : ''}: ${other.services.join(', ')}`);
  }
  lines.push(
    'Starting here would share their queues and dead-letter queues (each order handled by whichever worker gets it first)',
    ...(provisioning ? ['and re-provision the broker users they log in as (new passwords: theirs would be refused).'] : []),
    'Nothing was started. Either stop the other checkout (Ctrl-C on its `npm start`), or give this one names of its own:',
    '  RABBITMQ_PREFIX=mine. npm start',
    '(a prefix runs the workers as the broker URL\'s user, without per-service users; `npx troupe dlq … --prefix mine.`).',
  );
  return lines;
}

/**
 * Asks the management API at `managementUrl` (credentials in it) for the broker's connections. Resolves undefined
 * when it does not answer: the check is then skipped, never a reason not to start.
 */
export async function brokerConnections(managementUrl) {
  const parsed = new URL(managementUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`;
  parsed.username = '';
  parsed.password = '';
  try {
    const response = await fetch(new URL('/api/connections', parsed), { headers: { authorization }, signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The vhost an AMQP URL (or the first of a comma-separated list) names; `/` when it names none. */
export function vhostOf(amqpUrl) {
  return decodeURIComponent(new URL(amqpUrl.split(',')[0].trim()).pathname.slice(1)) || '/';
}

/**
 * The whole check for `npm start`: the management API of the broker at `amqpUrl` (or RABBITMQ_MANAGEMENT_URL), the
 * vhost the workers will use (`troupe` when this start provisions its users, else the URL's), and the verdict.
 * The plugin may have been enabled a moment ago, so the API gets a few seconds to answer.
 */
export async function checkSharedBroker({ amqpUrl, provisioning, prefix, services, ownId, managementUrl, attempts = 5 }) {
  const parsed = new URL(amqpUrl.split(',')[0].trim());
  const vhost = provisioning ? 'troupe' : vhostOf(amqpUrl);
  let management = managementUrl;
  if (!management) {
    const derived = new URL(`http://${parsed.hostname || 'localhost'}:15672`);
    derived.username = parsed.username || 'guest';
    derived.password = parsed.password || 'guest';
    management = derived.toString();
  }
  let connections;
  for (let attempt = 0; attempt < attempts && connections === undefined; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    connections = await brokerConnections(management);
  }
  if (connections === undefined) return { checked: false, vhost, others: [], unmarked: [] };
  return { checked: true, vhost, ...otherCheckouts(connections, { ownId, vhost, prefix, services, provisioning }) };
}
