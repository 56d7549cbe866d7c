import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JsonSchema, schemaIdOf } from './json-schema';

/** One released or in-progress version of one event type's payload schema. */
export interface EventSchema {
  type: string;
  version: number;
  /** The schema `$id`, which is also the envelope `dataschema`. */
  id: string;
  schema: JsonSchema;
}

/** Where the schema files live: `<dir>/<type>/v<version>.schema.json`. */
export const schemasDirectory = path.join(__dirname, 'schemas');

/**
 * Reads every payload schema from disk. The files are the single source of truth: adding an event is adding
 * a file, so nothing here needs editing. Throws when a file's `$id` disagrees with its location.
 */
export function loadCatalogue(directory: string = schemasDirectory): EventSchema[] {
  const catalogue: EventSchema[] = [];
  for (const type of readdirSync(directory).sort()) {
    for (const file of readdirSync(path.join(directory, type)).sort()) {
      const match = /^v([1-9][0-9]*)\.schema\.json$/.exec(file);
      if (!match) continue;
      const version = Number(match[1]);
      const schema = JSON.parse(readFileSync(path.join(directory, type, file), 'utf8')) as JsonSchema;
      const id = schemaIdOf(type, version);
      if (schema.$id !== id) throw new Error(`${type}/${file}: $id must be ${id}, found ${String(schema.$id)}`);
      catalogue.push({ type, version, id, schema });
    }
  }
  return catalogue;
}

let loaded: readonly EventSchema[] | undefined;

/** The catalogue shipped with this library, read once per process. */
export function eventCatalogue(): readonly EventSchema[] {
  loaded ??= Object.freeze(loadCatalogue());
  return loaded;
}

/** The highest version of each type: what `createEvent` emits. */
export function latestSchemas(catalogue: readonly EventSchema[] = eventCatalogue()): Map<string, EventSchema> {
  const latest = new Map<string, EventSchema>();
  for (const entry of catalogue) {
    const current = latest.get(entry.type);
    if (!current || entry.version > current.version) latest.set(entry.type, entry);
  }
  return latest;
}
