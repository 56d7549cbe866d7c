import type { WorkerDefinition } from './worker-definition';

const serviceName = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A malformed definition is a programming error: fail at start with a message naming the field. */
export function validateDefinition(definition: Pick<WorkerDefinition, 'service' | 'defaultPort'> & { start?: unknown }): void {
  if (!serviceName.test(definition.service ?? '')) {
    throw new TypeError(`worker definition: service must be lower-case kebab-case, got ${JSON.stringify(definition.service)}`);
  }
  if (!Number.isInteger(definition.defaultPort) || definition.defaultPort < 1 || definition.defaultPort > 65535) {
    throw new TypeError(`worker definition: defaultPort must be an integer 1–65535, got ${definition.defaultPort}`);
  }
  if (definition.start !== undefined && typeof definition.start !== 'function') {
    throw new TypeError('worker definition: start must be a function (context, http) returning its stop, or nothing');
  }
  for (const retired of ['onStart', 'onStop']) {
    if (retired in definition) {
      throw new TypeError(`worker definition: ${retired} is gone; use start(context) and return its stop from it`);
    }
  }
}
