/** A JSON Schema document or sub-schema, kept loose: schemas are data read from files, checked by ajv. */
export type JsonSchema = { [keyword: string]: unknown };

/** Base of every schema `$id`; a payload schema's id is `<base><type>/v<version>`. */
export const schemaIdBase = 'https://troupe.dev/schemas/';

export function schemaIdOf(type: string, version: number): string {
  return `${schemaIdBase}${type}/v${version}`;
}

/** Inverse of `schemaIdOf`; `undefined` for ids outside the catalogue's naming scheme. */
export function parseSchemaId(id: string): { type: string; version: number } | undefined {
  const match = /^https:\/\/troupe\.dev\/schemas\/([a-z][a-z0-9-]*\.[a-z][a-z0-9-]*)\/v([1-9][0-9]{0,3})$/.exec(id);
  return match ? { type: match[1], version: Number(match[2]) } : undefined;
}
