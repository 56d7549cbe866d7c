import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EventSchema } from '../catalogue';
import type { JsonSchema } from '../json-schema';
import { breakingChanges } from './breaking-changes';

/** The released form of every schema, keyed by `$id`: what the compatibility gate compares against. */
export interface SchemaLock {
  released: Record<string, JsonSchema>;
}

/** A catalogue's lock file: `<root>/schemas.lock.json`. */
export const schemaLockFileOf = (root: string) => path.join(root, 'schemas.lock.json');

export function readSchemaLock(file: string): SchemaLock {
  return JSON.parse(readFileSync(file, 'utf8')) as SchemaLock;
}

export function writeSchemaLock(catalogue: readonly EventSchema[], file: string): void {
  const released = Object.fromEntries([...catalogue].sort((a, b) => a.id.localeCompare(b.id)).map((entry) => [entry.id, entry.schema]));
  writeFileSync(file, `${JSON.stringify({ released } satisfies SchemaLock, null, 2)}\n`);
}

export interface CompatReport {
  /** One line per incompatible change, prefixed by the schema id. */
  breaks: string[];
  /** Schema ids not released yet: new types or new versions, free to change until released. */
  unreleased: string[];
}

/**
 * Compares the catalogue with the lock. A released schema may only change compatibly and may never disappear
 * (old events of that version can still be in queues and DLQs); an incompatible change must be a new version file.
 */
export function checkAgainstLock(catalogue: readonly EventSchema[], lock: SchemaLock): CompatReport {
  const current = new Map(catalogue.map((entry) => [entry.id, entry]));
  const breaks: string[] = [];
  for (const [id, released] of Object.entries(lock.released)) {
    const entry = current.get(id);
    if (!entry) breaks.push(`${id}: released schema removed; keep it while events of that version may exist`);
    else breaks.push(...breakingChanges(released, entry.schema).map((line) => `${id} ${line}`));
  }
  const unreleased = catalogue.filter((entry) => !(entry.id in lock.released)).map((entry) => entry.id);
  return { breaks, unreleased };
}
