import assert from 'node:assert/strict';
import { orderCatalogue } from './catalogue';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { draftEventTypes } from '@troupe/contracts';
import { eventTypes } from './generated/event-map.generated';
import type { JsonSchema } from '@troupe/contracts';
import { referenceManifests } from './manifests/reference-manifests';

/** Every rule a schema in this catalogue must follow, checked at every depth; returns the violations. */
function houseRuleViolations(schema: JsonSchema, at = ''): string[] {
  const where = at || '/';
  const found: string[] = [];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.type === undefined) found.push(`${where}: no type`);
  if (types.includes('object')) {
    if (schema.additionalProperties !== false) found.push(`${where}: additionalProperties must be false`);
    for (const [name, child] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) {
      found.push(...houseRuleViolations(child, `${at}/${name}`));
      if (/Cents$/.test(name) && child.type !== 'integer') found.push(`${at}/${name}: money must be integer cents`);
    }
  }
  if (types.includes('string') && typeof schema.maxLength !== 'number' && schema.const === undefined) found.push(`${where}: string without maxLength`);
  if (types.includes('array')) {
    if (typeof schema.maxItems !== 'number') found.push(`${where}: array without maxItems`);
    if (schema.items) found.push(...houseRuleViolations(schema.items as JsonSchema, `${at}/[]`));
  }
  if (types.includes('integer') && typeof schema.maximum !== 'number') found.push(`${where}: integer without maximum`);
  return found;
}

describe('event catalogue', () => {
  const catalogue = orderCatalogue.schemas;

  // Draft events (generated, named by no manifest yet: see draft-events.ts) join the table with their first edge.
  it('holds the event types of the generated catalogue table (docs/saga-map.md), besides drafts', () => {
    const table = readFileSync(path.join(__dirname, '../../../docs/saga-map.md'), 'utf8').split('## Event catalogue')[1]!.split('\n## ')[0]!;
    const documented = [...table.matchAll(/^\| `([a-z0-9.-]+)` \|/gm)].map((m) => m[1]);
    assert.ok(documented.length >= 15);
    const drafts = new Set(draftEventTypes(eventTypes, referenceManifests));
    assert.deepEqual([...new Set(catalogue.map((entry) => entry.type))].filter((type) => !drafts.has(type)).sort(), documented.sort());
    assert.deepEqual([...eventTypes].filter((type) => !drafts.has(type)).sort(), documented.sort());
  });

  for (const entry of catalogue) {
    describe(entry.id, () => {
      it('is a draft 2020-12 schema with title, description and at least two examples', () => {
        assert.equal(entry.schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
        assert.match(String(entry.schema.title), /^[A-Z][A-Za-z0-9]+$/);
        assert.ok(String(entry.schema.description).length > 20);
        assert.ok((entry.schema.examples as unknown[]).length >= 2);
      });

      it('closes every object, bounds every string, array and integer, and counts money in integer cents', () => {
        assert.deepEqual(houseRuleViolations(entry.schema), []);
      });

      it('carries a required uuid orderId', () => {
        assert.ok((entry.schema.required as string[]).includes('orderId'));
        assert.deepEqual((entry.schema.properties as Record<string, JsonSchema>).orderId.format, 'uuid');
      });
    });
  }

  it('checks the house rules themselves (a loose schema is caught)', () => {
    const loose = { type: 'object', properties: { note: { type: 'string' }, tags: { type: 'array', items: { type: 'object' } }, feeCents: { type: 'number' } } };
    assert.deepEqual(houseRuleViolations(loose), [
      '/: additionalProperties must be false',
      '/note: string without maxLength',
      '/tags: array without maxItems',
      '/tags/[]: additionalProperties must be false',
      '/feeCents: money must be integer cents',
    ]);
  });
});
