import type { ServiceManifest } from '@troupe/contracts';
import type { WorkerDefinition } from './worker-definition';

const serviceName = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A malformed definition is a programming error: fail at start with a message naming the field. */
export function validateDefinition(definition: Pick<WorkerDefinition, 'service' | 'defaultPort'> & { start?: unknown; manifest?: ServiceManifest }): void {
  if (!serviceName.test(definition.service ?? '')) {
    throw new TypeError(`worker definition: service must be lower-case kebab-case, got ${JSON.stringify(definition.service)}`);
  }
  if (!Number.isInteger(definition.defaultPort) || definition.defaultPort < 1 || definition.defaultPort > 65535) {
    throw new TypeError(`worker definition: defaultPort must be an integer 1–65535, got ${definition.defaultPort}`);
  }
  if (definition.start !== undefined && typeof definition.start !== 'function') {
    throw new TypeError('worker definition: start must be a function (context, http) returning its stop, or nothing');
  }
  if (definition.manifest !== undefined && definition.manifest.service !== definition.service) {
    throw new TypeError(`worker definition ${definition.service}: its manifest is ${JSON.stringify(definition.manifest.service)}'s`);
  }
  for (const retired of ['onStart', 'onStop']) {
    if (retired in definition) {
      throw new TypeError(`worker definition: ${retired} is gone; use start(context) and return its stop from it`);
    }
  }
}

/**
 * The handler map must be exactly what the manifest consumes (every reaction's `on`, projections included): a
 * missing handler would leave a queue unconsumed, an extra one would consume what the saga map says nobody reads.
 * Without a manifest a worker consumes nothing. Runs at start once the map is built, before the broker is touched.
 */
export function validateHandlers(definition: { service: string; manifest?: ServiceManifest }, handlers: object): void {
  const { service, manifest } = definition;
  const handled = Object.keys(handlers).sort();
  if (manifest === undefined) {
    if (handled.length > 0) throw new TypeError(`worker definition ${service}: handlers for ${handled.join(', ')} but no manifest (no manifest, no handlers)`);
    return;
  }
  const consumed = new Set<string>(manifest.reactions.map((reaction) => reaction.on));
  const missing = [...consumed].filter((event) => !handled.includes(event)).sort();
  const extra = handled.filter((event) => !consumed.has(event));
  const problems = [
    ...(missing.length > 0 ? [`no handler for ${missing.join(', ')} (consumed in its manifest)`] : []),
    ...(extra.length > 0 ? [`handlers for ${extra.join(', ')} (not consumed in its manifest)`] : []),
  ];
  if (problems.length > 0) throw new TypeError(`worker definition ${service}: handler map does not match its manifest: ${problems.join('; ')}`);
}
