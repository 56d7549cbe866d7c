import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { emittedBy, intakeOf, type ServiceManifest } from '@troupe/contracts';
import { referenceManifests } from '@troupe/order-catalogue';
import { archiveNames, brokerPermissionsFor, escapeRegex, exactly, matchNothing, topologyNames, type BrokerPermissions } from '@troupe/messaging';

/** One broker user as it should be: its permissions on the vhost, and (for services) topic permissions on the events exchange. */
export interface DesiredUser {
  /** `<vhost>-<who>`: users are global on a broker, so the vhost keeps two provisioned vhosts apart. */
  user: string;
  /** The service or tool it is for; also the name of its secrets file. */
  who: string;
  kind: 'service' | 'tool';
  /** Management UI/API access (`management` lets the DLQ tool and chaos read queue counts of their vhost). */
  tags: string[];
  permissions: { configure: string; write: string; read: string };
  /** At most one topic permission (on the events exchange). */
  topic?: { exchange: string; write: string; read: string };
}

export interface DesiredState {
  vhost: string;
  users: DesiredUser[];
}

/** A service as the broker sees it: what it consumes and may emit. */
export interface ServiceAccess {
  service: string;
  consumes: string[];
  emits: string[];
  archive: boolean;
}

/**
 * Services that declare the event archive with their topology (apps/<app>/src/worker.ts, `messaging: { archive }`).
 * Tools may not import apps, so this is written down here; desired-state.spec.ts reads the apps to keep it true.
 */
export const archiveDeclaredBy: readonly string[] = ['order-view'];

/**
 * Workers that observe rather than take part: the saga board follows the archive read-only (live updates) and reads,
 * replays and purges dead letters as the DLQ tool does. Besides its own names it gets the tool's reach (every DLQ,
 * the default exchange to replay through) and read on the archive stream, which it consumes but never declares.
 */
export const observerServices: readonly string[] = ['saga-board'];

export const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

/** Apps with a serve target (the workers `npm start` runs), as tools/infra/apps.mjs finds them. */
export function workerApps(root = workspaceRoot): string[] {
  const appsDir = path.join(root, 'apps');
  return readdirSync(appsDir)
    .map((dir) => path.join(appsDir, dir, 'project.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { name: string; targets?: Record<string, unknown> })
    .filter((project) => project.targets?.['serve'])
    .map((project) => project.name)
    .sort();
}

/**
 * Every worker's access, from the order catalogue's manifests; a worker without a manifest (reconciler) consumes and
 * emits nothing, but still declares its own retry and dead-letter names.
 */
export function serviceAccess(apps: readonly string[] = workerApps(), manifests: readonly ServiceManifest[] = referenceManifests): ServiceAccess[] {
  const byService = new Map(manifests.map((manifest) => [manifest.service, manifest]));
  const services = [...new Set([...apps, ...byService.keys()])].sort();
  return services.map((service) => {
    const manifest = byService.get(service);
    // A read side fed from the archive has no queues of its own; it declares and reads the archive instead.
    const fromArchive = manifest !== undefined && intakeOf(manifest) === 'archive';
    return {
      service,
      consumes: manifest && !fromArchive ? [...new Set(manifest.reactions.map((reaction) => reaction.on))].sort() : [],
      emits: manifest ? [...new Set(emittedBy(manifest))].sort() : [],
      archive: fromArchive || archiveDeclaredBy.includes(service),
    };
  });
}

export interface DesiredOptions {
  vhost: string;
  /** Name prefix the services run with (RABBITMQ_PREFIX). Default ''. */
  prefix?: string;
  services?: ServiceAccess[];
}

const tool = (vhost: string, who: string, tags: string[], permissions: DesiredUser['permissions']): DesiredUser => ({
  user: `${vhost}-${who}`,
  who,
  kind: 'tool',
  tags,
  permissions,
});

export function desiredState(options: DesiredOptions): DesiredState {
  const prefix = options.prefix ?? '';
  const services = options.services ?? serviceAccess();
  const dlqs = services.map((access) => topologyNames(prefix, access.service).deadLetterQueue);
  const users: DesiredUser[] = services.map((access) => {
    const permissions: BrokerPermissions = brokerPermissionsFor({ prefix, ...access });
    const { topic, ...rest } = permissions;
    if (observerServices.includes(access.service)) {
      rest.write = `(?:${rest.write})|${exactly(['amq.default'])}`;
      rest.read = `(?:${rest.read})|${exactly([...dlqs, archiveNames(prefix).archiveStream])}`;
    }
    return { user: `${options.vhost}-${access.service}`, who: access.service, kind: 'service', tags: [], permissions: rest, topic };
  });
  users.push(
    // Reads every DLQ (get, ack, return, purge) and replays a letter straight into its original queue through the
    // default exchange: that write reaches every queue, which is what replay is. It declares nothing.
    tool(options.vhost, 'dlq', ['management'], { configure: matchNothing, write: exactly(['amq.default']), read: exactly(dlqs) }),
    // The test kits run whole systems under their own random prefixes (`bench-…`, `chaos-…`) in the vhost: broad within
    // those names, nothing of the services' names. The bench may also read the live archive stream (as the saga
    // board does), which is how `npm run bench -- --target-url …` times a running system's events.
    tool(options.vhost, 'bench', [], withRead(prefixed(`${prefix}bench-`), exactly([archiveNames(prefix).archiveStream]))),
    tool(options.vhost, 'chaos', ['management'], prefixed(`${prefix}chaos-`)),
  );
  return { vhost: options.vhost, users };
}

function withRead(permissions: DesiredUser['permissions'], read: string): DesiredUser['permissions'] {
  return { ...permissions, read: `(?:${permissions.read})|${read}` };
}

function prefixed(namePrefix: string): DesiredUser['permissions'] {
  const pattern = `^${escapeRegex(namePrefix)}.*$`;
  return { configure: pattern, write: pattern, read: pattern };
}
