import { archiveNames } from '../archive/topology';
import { topologyNames } from './topology';

/**
 * A service's least privilege on the broker, derived from what it consumes and may emit (its manifest) and the
 * names of its topology (topology.ts). RabbitMQ checks, per vhost (verified by access-matrix.integration.ts in
 * tools/broker on the real broker):
 * - configure on a queue or exchange: declare it, delete it;
 * - write on a queue: bind it (with read on the exchange); write on an exchange: publish to it;
 * - read on a queue: consume, get, purge; read on an exchange: bind a queue to it;
 * - topic permission write on a topic exchange: the routing keys one may publish to it.
 * The three regexes cover exactly the service's own names plus the shared events exchange (which every service
 * declares and binds from). No service gets the default exchange (`amq.default`): that one reaches every queue.
 */
export interface BrokerPermissionsInput {
  /** Put in front of every name (RABBITMQ_PREFIX). Default ''. */
  prefix?: string;
  service: string;
  /** Routing keys (event types) the service consumes: one queue each. */
  consumes: readonly string[];
  /** Event types the service may publish to the events exchange. */
  emits: readonly string[];
  /** The service declares (and binds) the event archive stream with its topology (order-view). Default false. */
  archive?: boolean;
}

export interface TopicPermission {
  /** The topic exchange the routing-key rules apply to: a name, not a regex (RabbitMQ matches it exactly). */
  exchange: string;
  /** Routing keys one may publish to it. */
  write: string;
  /** Routing keys one may read from it (checked for MQTT/STOMP consumers, not AMQP 0-9-1). */
  read: string;
}

export interface BrokerPermissions {
  configure: string;
  write: string;
  read: string;
  topic: TopicPermission;
}

/** A regex no name and no routing key matches: an empty negative lookahead always fails (PCRE and JavaScript). */
export const matchNothing = '^(?!)$';

/** Escapes every regex metacharacter, so a name is matched literally (RabbitMQ uses PCRE, as JavaScript mostly does). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `^(?:a|b|c)$` over literal names; matchNothing for none. */
export function exactly(names: readonly string[]): string {
  const unique = [...new Set(names)].sort();
  return unique.length === 0 ? matchNothing : `^(?:${unique.map(escapeRegex).join('|')})$`;
}

export function brokerPermissionsFor(input: BrokerPermissionsInput): BrokerPermissions {
  const prefix = input.prefix ?? '';
  const names = topologyNames(prefix, input.service);
  const own = escapeRegex(`${prefix}${input.service}`);
  // Consumer queues by their exact routing keys; delay queues by any positive number of milliseconds (the delays are
  // configuration, RETRY_DELAYS); the fixed suffixes of topology.ts.
  const ownNames = [
    ...[...new Set(input.consumes)].sort().map(escapeRegex),
    'retry',
    'retry\\.[1-9][0-9]*',
    'dlx',
    'dlq',
    'fence',
  ];
  const shared = [escapeRegex(names.eventsExchange)];
  if (input.archive) shared.push(escapeRegex(archiveNames(prefix).archiveStream));
  const pattern = `^(?:${own}\\.(?:${ownNames.join('|')})|${shared.join('|')})$`;
  return {
    configure: pattern,
    write: pattern,
    read: pattern,
    topic: {
      exchange: names.eventsExchange,
      write: exactly(input.emits),
      read: exactly(input.archive ? [...input.consumes, '#'] : input.consumes),
    },
  };
}
