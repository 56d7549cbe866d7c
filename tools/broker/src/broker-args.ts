import { parseArgs } from 'node:util';
import path from 'node:path';
import { workspaceRoot } from './desired-state';
import { amqpBases } from './secrets';

export class UsageError extends Error {}

export interface BrokerTarget {
  /** Management API with an administrator's credentials in the user info. */
  managementUrl: string;
  /** Host and port the secrets' amqp:// URLs point at; a cluster's nodes comma-separated. */
  amqpBase: string;
  vhost: string;
  prefix: string;
  secretsDir: string;
}

export type BrokerCommand =
  | { action: 'help'; topic: 'broker' | 'provision' | 'check' }
  | { action: 'provision'; target: BrokerTarget; rotate: string[]; quiet: boolean }
  | { action: 'check'; target: BrokerTarget };

export const defaults = {
  managementUrl: 'http://guest:guest@localhost:15672',
  amqpBase: 'amqp://localhost:5672',
  vhost: 'troupe',
  secretsDir: path.join(workspaceRoot, 'data', 'secrets'),
};

const options = {
  'management-url': { type: 'string' },
  'amqp-url': { type: 'string' },
  vhost: { type: 'string' },
  prefix: { type: 'string' },
  'secrets-dir': { type: 'string' },
  rotate: { type: 'string', multiple: true },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseBrokerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BrokerCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (action !== undefined && action !== 'provision' && action !== 'check' && action !== 'help') {
    throw new UsageError(`unknown action '${action}': provision or check`);
  }
  if (!action || action === 'help') return { action: 'help', topic: rest[0] === 'provision' || rest[0] === 'check' ? rest[0] : 'broker' };
  if (values.help) return { action: 'help', topic: action };
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  const vhost = values.vhost ?? defaults.vhost;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(vhost) || vhost === '/') throw new UsageError(`invalid vhost '${vhost}': letters, digits, '.', '_', '-'`);
  const prefix = values.prefix ?? '';
  if (!/^[A-Za-z0-9._-]{0,64}$/.test(prefix)) throw new UsageError(`invalid prefix '${prefix}'`);
  if (values['management-url'] !== undefined) {
    try {
      new URL(values['management-url']);
    } catch {
      throw new UsageError('--management-url must be a URL');
    }
  }
  let amqpBase = defaults.amqpBase;
  if (values['amqp-url'] !== undefined) {
    try {
      amqpBase = amqpBases(values['amqp-url']).join(',');
    } catch (error) {
      throw new UsageError(`--amqp-url: ${(error as Error).message}; one amqp://host:port, or a cluster's nodes comma-separated`);
    }
  }
  const target: BrokerTarget = {
    managementUrl: values['management-url'] ?? (env['RABBITMQ_MANAGEMENT_URL'] || defaults.managementUrl),
    amqpBase,
    vhost,
    prefix,
    secretsDir: path.resolve(values['secrets-dir'] ?? defaults.secretsDir),
  };
  if (action === 'check') {
    if (values.rotate) throw new UsageError('--rotate belongs to provision');
    return { action, target };
  }
  return { action, target, rotate: values.rotate ?? [], quiet: values.quiet ?? false };
}

const common = `  --management-url URL   management API with an administrator's credentials in it (default: RABBITMQ_MANAGEMENT_URL,
                         else http://guest:guest@localhost:15672)
  --vhost NAME           the locked-down vhost (default troupe)
  --prefix P             RABBITMQ_PREFIX the services run with (default '')
  --secrets-dir DIR      where <service>.env files are (default data/secrets in the workspace)
  -h, --help             this text`;

export const help = {
  broker: `troupe broker <provision|check> [options]

Least privilege on the broker, derived from the services' manifests (libs/order-catalogue/src/manifests): one user per
service and per tool on the vhost, each allowed only its own queues and exchanges, the events exchange, and (topic
permissions) the event types its manifest emits. See tools/broker/README.md.

  provision   create or fix the vhost, users and permissions; write data/secrets/<service>.env; print the changes
  check       compare the live permissions with the manifests; exit 1 on any drift

Run \`troupe broker <action> --help\` for the options.

examples:
  troupe broker provision                       # on the local broker, as guest (an administrator there)
  troupe broker check                           # exit 1 when the live permissions drift from the manifests
  troupe broker provision --rotate payment-service`,
  provision: `troupe broker provision [options]

Creates the vhost, one user per service and tool, their permissions and topic permissions, and removes any other
permission on the vhost (guest's included). Idempotent: existing passwords are kept (read from the secrets files)
unless --rotate names the service. Writes <secrets-dir>/<who>.env (0600): RABBITMQ_URL=amqp://user:password@host:port/vhost.
Prints one line per object: created, updated, removed or unchanged.

  --rotate WHO           give this service or tool a new password (repeatable); restart it afterwards
  --amqp-url URL[,URL…]  host and port written into the secrets' URLs (default amqp://localhost:5672); a cluster's
                         nodes comma-separated: each secret then lists every node, with the service's credentials in each
  --quiet                print only what changed
${common}

examples:
  troupe broker provision --quiet
  troupe broker provision --rotate payment-service --rotate dlq
  troupe broker provision --management-url http://<user>:<password>@localhost:15672 --amqp-url amqp://localhost:5672

Exit codes: 0 done, 1 broker or management API error, 2 usage (incl. --rotate naming no service or tool).`,
  check: `troupe broker check [options]

Compares the vhost's live users, permissions and topic permissions with what the manifests allow. Prints every
difference (a missing user, a wrong regex, an extra permission such as guest's) and exits 1 if there is any; when a
secrets file exists, its password must be the broker's. Changes nothing.

${common}

examples:
  troupe broker check
  troupe broker check --vhost troupe --management-url http://<user>:<password>@localhost:15672

Exit codes: 0 no drift, 1 drift (or a broker error), 2 usage.`,
};
