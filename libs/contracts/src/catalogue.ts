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

/**
 * Reads every payload schema of a catalogue from `<directory>/<type>/v<version>.schema.json`. The files are the
 * single source of truth: adding an event is adding a file, so no code registers it. Throws when a file's `$id` disagrees with its location.
 */
export function loadCatalogue(directory: string): EventSchema[] {
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

/** The highest version of each type: what `createEvent` emits. */
export function latestSchemas(catalogue: readonly EventSchema[]): Map<string, EventSchema> {
  const latest = new Map<string, EventSchema>();
  for (const entry of catalogue) {
    const current = latest.get(entry.type);
    if (!current || entry.version > current.version) latest.set(entry.type, entry);
  }
  return latest;
}
