import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '../json-schema';

/** Keywords that document a schema without changing what it accepts. */
const annotations = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
/** Keywords whose raising tightens the schema. */
const lowerBounds = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum'];
/** Keywords whose lowering tightens the schema. */
const upperBounds = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum'];
/** Keywords this checker understands structurally; any other keyword must stay identical. */
const understood = new Set([...annotations, ...lowerBounds, ...upperBounds, 'type', 'enum', 'const', 'required', 'properties', 'additionalProperties', 'items', 'format', 'pattern', 'uniqueItems', 'multipleOf']);

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);
const typesOf = (schema: JsonSchema): string[] | undefined =>
  schema.type === undefined ? undefined : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];

/**
 * Every way `next` accepts less than `previous`: an event valid under the released schema that the new one would
 * refuse (a producer still on the old version, a message waiting in a queue, a DLQ replay). Conservative: a change it
 * cannot prove safe (a new pattern, an edited `anyOf`) counts as breaking. Empty when backward compatible.
 */
export function breakingChanges(previous: JsonSchema, next: JsonSchema, at = ''): string[] {
  const breaks: string[] = [];
  const where = at || '/';
  const report = (what: string) => breaks.push(`${where}: ${what}`);

  const before = typesOf(previous);
  const after = typesOf(next);
  if (after && !before) report(`type restricted to ${after.join('|')}`);
  if (before && after) {
    for (const type of before) {
      const kept = after.includes(type) || (type === 'integer' && after.includes('number'));
      if (!kept) report(`type narrowed: ${type} no longer accepted`);
    }
  }

  if (Array.isArray(next.enum)) {
    if (!Array.isArray(previous.enum)) report(`enum added: ${JSON.stringify(next.enum)}`);
    else for (const value of previous.enum) if (!next.enum.some((candidate) => isDeepStrictEqual(candidate, value))) report(`enum narrowed: ${JSON.stringify(value)} removed`);
  }
  if ('const' in next && !isDeepStrictEqual(previous.const, next.const)) report(`const changed to ${JSON.stringify(next.const)}`);

  for (const keyword of lowerBounds) {
    const old = previous[keyword] as number | undefined;
    const now = next[keyword] as number | undefined;
    if (now !== undefined && (old === undefined || now > old)) report(`${keyword} tightened from ${old ?? 'none'} to ${now}`);
  }
  for (const keyword of upperBounds) {
    const old = previous[keyword] as number | undefined;
    const now = next[keyword] as number | undefined;
    if (now !== undefined && (old === undefined || now < old)) report(`${keyword} tightened from ${old ?? 'none'} to ${now}`);
  }
  for (const keyword of ['format', 'pattern']) {
    if (next[keyword] !== undefined && next[keyword] !== previous[keyword]) report(`${keyword} changed to ${JSON.stringify(next[keyword])}`);
  }
  if (next.uniqueItems === true && previous.uniqueItems !== true) report('uniqueItems added');
  if (next.multipleOf !== undefined) {
    const old = previous.multipleOf as number | undefined;
    if (old === undefined || !Number.isInteger(old / (next.multipleOf as number))) report(`multipleOf tightened to ${String(next.multipleOf)}`);
  }

  const requiredBefore = new Set((previous.required as string[] | undefined) ?? []);
  for (const name of (next.required as string[] | undefined) ?? []) if (!requiredBefore.has(name)) report(`new required field '${name}'`);

  const propertiesBefore = (previous.properties as Record<string, JsonSchema> | undefined) ?? {};
  const propertiesAfter = (next.properties as Record<string, JsonSchema> | undefined) ?? {};
  const closedBefore = previous.additionalProperties === false;
  const closedAfter = next.additionalProperties === false;
  for (const [name, schema] of Object.entries(propertiesBefore)) {
    const child = `${at}/${name}`;
    if (!(name in propertiesAfter)) {
      if (closedAfter) breaks.push(`${child}: field removed (additionalProperties is false, so old events carrying it are refused)`);
      else if (isSchema(next.additionalProperties)) breaks.push(...breakingChanges(schema, next.additionalProperties, child));
    } else breaks.push(...breakingChanges(schema, propertiesAfter[name], child));
  }
  for (const name of Object.keys(propertiesAfter)) {
    // A property the old schema left open could have carried anything; constraining it now may refuse old events.
    if (!(name in propertiesBefore) && !closedBefore) {
      const old = isSchema(previous.additionalProperties) ? previous.additionalProperties : {};
      breaks.push(...breakingChanges(old, propertiesAfter[name], `${at}/${name}`));
    }
  }
  if (closedAfter && !closedBefore) report('additionalProperties tightened to false');
  else if (isSchema(next.additionalProperties)) {
    breaks.push(...breakingChanges(isSchema(previous.additionalProperties) ? previous.additionalProperties : {}, next.additionalProperties, `${at}/*`));
  }

  if (isSchema(next.items)) breaks.push(...breakingChanges(isSchema(previous.items) ? previous.items : {}, next.items, `${at}/[]`));

  for (const keyword of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (!understood.has(keyword) && !isDeepStrictEqual(previous[keyword], next[keyword])) report(`'${keyword}' changed: cannot prove it compatible`);
  }
  return breaks;
}
