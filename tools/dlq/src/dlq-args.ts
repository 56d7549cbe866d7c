import { parseArgs } from 'node:util';
import { assertKnownService, dlqServices } from './known-services';
import { provisionedDlqUrl } from './provisioned-url';
import { UsageError } from './usage-error';

export interface DlqTarget {
  service: string;
  prefix: string;
  url: string;
  managementUrl?: string;
}

/** `list` without `--service`: every service's DLQ at once. */
export interface DlqOverviewTarget {
  services: string[];
  prefix: string;
  url: string;
}

/** Which dead letters an action touches: one by message id, or every one in the DLQ. */
export type Selection = { kind: 'all' } | { kind: 'id'; messageId: string };

export type DlqCommand =
  | { action: 'help' }
  | { action: 'list'; target: DlqTarget; json: boolean }
  | { action: 'overview'; target: DlqOverviewTarget; json: boolean }
  | { action: 'show'; target: DlqTarget; messageId: string }
  | { action: 'replay'; target: DlqTarget; selection: Selection; ratePerSecond: number; dryRun: boolean }
  | { action: 'purge'; target: DlqTarget; selection: Selection };

export const defaultUrl = 'amqp://guest:guest@localhost:5672';
export const defaultRatePerSecond = 50;

const options = {
  service: { type: 'string' },
  prefix: { type: 'string' },
  url: { type: 'string' },
  'management-url': { type: 'string' },
  id: { type: 'string' },
  all: { type: 'boolean' },
  rate: { type: 'string' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Turns `troupe dlq …` arguments into one command; throws UsageError for anything ambiguous or unsafe. `services`
 * are the names `--service` may take (the manifests' services by default).
 */
export function parseDlqArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  services: readonly string[] = dlqServices(),
  provisionedUrl: (env: NodeJS.ProcessEnv) => string | undefined = provisionedDlqUrl,
): DlqCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { action: 'help' };
  const [action, ...rest] = positionals;
  if (!action) throw new UsageError('an action is required: list, show, replay or purge');
  const noMore = (allowed: number) => {
    if (rest.length > allowed) throw new UsageError(`unexpected argument '${rest[allowed]}'`);
  };
  const prefix = values.prefix ?? '';
  // The provisioned user is bound to the default names, so under a prefix of one's own the tool keeps the default URL.
  const url = values.url ?? (env.RABBITMQ_URL || (values.prefix ? undefined : provisionedUrl(env)) || defaultUrl);
  if (action === 'list' && values.service === undefined) {
    noMore(0);
    if (values['management-url']) throw new UsageError('--management-url needs --service: it counts one DLQ');
    return { action: 'overview', target: { services: [...services], prefix, url }, json: values.json ?? false };
  }
  if (!['list', 'show', 'replay', 'purge'].includes(action)) throw new UsageError(`unknown action '${action}': list, show, replay or purge`);
  if (!values.service) throw new UsageError(`--service <name> is required for ${action}: one of ${services.join(', ')}`);
  assertKnownService(values.service, services);
  const target: DlqTarget = {
    service: values.service,
    prefix,
    url,
    ...(values['management-url'] ? { managementUrl: values['management-url'] } : {}),
  };
  switch (action) {
    case 'list':
      noMore(0);
      return { action, target, json: values.json ?? false };
    case 'show':
      noMore(1);
      if (!rest[0]) throw new UsageError('show needs a message id: troupe dlq show <messageId> --service <name>');
      return { action, target, messageId: rest[0] };
    case 'replay':
      noMore(0);
      return {
        action,
        target,
        selection: selection(values.id, values.all),
        ratePerSecond: values.rate === undefined ? defaultRatePerSecond : parseRate(values.rate),
        dryRun: values['dry-run'] ?? false,
      };
    case 'purge':
      noMore(0);
      if (!values.yes) throw new UsageError('purge deletes dead letters for good: add --yes to confirm');
      return { action, target, selection: selection(values.id, values.all) };
    default:
      throw new UsageError(`unknown action '${action}': list, show, replay or purge`);
  }
}

// Neither or both is refused: touching every dead letter must be asked for explicitly, never a default.
function selection(id: string | undefined, all: boolean | undefined): Selection {
  if (id && all) throw new UsageError('choose --id <messageId> or --all, not both');
  if (id) return { kind: 'id', messageId: id };
  if (all) return { kind: 'all' };
  throw new UsageError('choose --id <messageId> or --all');
}

/** `--rate 20`, `--rate 20/s` or `--rate 0.5/s`: messages per second, above 0. */
export function parseRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(text.trim());
  const rate = match ? Number(match[1]) : NaN;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new UsageError(`invalid --rate '${text}': messages per second, e.g. 20 or 20/s`);
  return rate;
}
