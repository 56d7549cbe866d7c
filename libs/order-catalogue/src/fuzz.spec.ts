import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeEvent } from './catalogue';
import { envelopeSchema } from '@troupe/contracts';
import { validateEvent } from './catalogue';

// The oracle: a separate ajv instance in all-errors mode, loading the schema files itself, with the one rule the
// schemas cannot express (dataschema names a version of type, subject = data.orderId) written out again. The production validator must agree with it.
const oracleAjv = new Ajv2020({ strict: true, allErrors: true });
addFormats(oracleAjv);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const oracleEnvelope = oracleAjv.compile(structuredClone(envelopeSchema));
const schemasDir = path.join(__dirname, 'schemas');
const seeds: Array<{ type: string; id: string; example: Record<string, unknown> }> = [];
for (const type of readdirSync(schemasDir)) {
  for (const file of readdirSync(path.join(schemasDir, type))) {
    const schema = readJson(path.join(schemasDir, type, file));
    oracleAjv.addSchema(schema);
    for (const example of schema.examples) seeds.push({ type, id: schema.$id, example });
  }
}

function oracleAccepts(event: Record<string, unknown>): boolean {
  if (!oracleEnvelope(event)) return false;
  if (!String(event.dataschema).startsWith(`https://troupe.dev/schemas/${String(event.type)}/v`)) return false;
  const check = oracleAjv.getSchema(String(event.dataschema));
  return Boolean(check?.(event.data)) && event.subject === (event.data as { orderId?: unknown }).orderId;
}

type Json = unknown;
type Mutation = { at: number; op: 'delete' | 'replace' | 'add-key' | 'lengthen' | 'nudge' | 'grow-array'; value: Json; key: string; delta: number };

/** Every container path in the value, the root included, so a mutation can land at any depth. */
function locations(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  const found = [at];
  if (Array.isArray(value)) value.forEach((child, index) => found.push(...locations(child, [...at, index])));
  else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) found.push(...locations(child, [...at, key]));
  return found;
}

function mutate(example: Json, mutation: Mutation): Json {
  const copy = structuredClone(example);
  const all = locations(copy);
  const at = all[mutation.at % all.length];
  if (at.length === 0) return mutation.op === 'replace' ? mutation.value : copy;
  const parent = at.slice(0, -1).reduce<Json>((node, step) => (node as Record<string | number, Json>)[step], copy) as Record<string | number, Json>;
  const last = at[at.length - 1];
  const current = parent[last];
  switch (mutation.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case 'replace':
      parent[last] = mutation.value;
      break;
    case 'add-key':
      if (current && typeof current === 'object' && !Array.isArray(current)) {
        Object.defineProperty(current, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
      }
      break;
    case 'lengthen':
      if (typeof current === 'string') parent[last] = current + 'x'.repeat(Math.abs(mutation.delta) * 7);
      break;
    case 'nudge':
      if (typeof current === 'number') parent[last] = current + mutation.delta * (mutation.delta % 2 === 0 ? 1 : 0.5);
      break;
    case 'grow-array':
      if (Array.isArray(current) && current.length > 0) parent[last] = [...current, ...Array(Math.abs(mutation.delta) * 3).fill(current[0])];
      break;
  }
  return copy;
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'add-key', 'lengthen', 'nudge', 'grow-array'),
  value: fc.jsonValue({ maxDepth: 2 }),
  key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'orderId', 'extra')),
  delta: fc.integer({ min: -40, max: 40 }),
});

function envelopeFor(seed: (typeof seeds)[number], data: Json): Record<string, unknown> {
  const orderId = (data as { orderId?: unknown } | null)?.orderId;
  return {
    specversion: '1.0',
    id: '6a1f4c2e-9b3d-4e8f-a1b2-c3d4e5f60718',
    source: 'fuzz-service',
    type: seed.type,
    time: '2026-11-30T09:00:00Z',
    subject: typeof orderId === 'string' ? orderId : seed.example.orderId,
    datacontenttype: 'application/json',
    dataschema: seed.id,
    correlationid: String(seed.example.orderId),
    data,
  };
}

describe('fuzzing the validator with mutated examples', () => {
  it('never throws and agrees with the all-errors oracle on every mutation of the payload', () => {
    let rejected = 0;
    const runs = 6000;
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), (seed, mutations) => {
        const data = mutations.reduce<Json>((value, mutation) => mutate(value, mutation), seed.example);
        const event = envelopeFor(seed, data);
        const verdict = validateEvent(event);
        if (!verdict.ok) rejected++;
        assert.equal(verdict.ok, oracleAccepts(event), JSON.stringify({ event, verdict }));
        if (!verdict.ok) assert.ok(verdict.errors.length > 0 && verdict.errors.every((error) => /^\/\S*: /.test(error)));
      }),
      { numRuns: runs },
    );
    // Guards against a vacuous pass: most random mutations must actually break the payload.
    assert.ok(rejected > runs / 3, `only ${rejected} of ${runs} mutations were rejected`);
  });

  it('never throws on mutated envelopes and agrees with the oracle', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), mutationArbitrary, (seed, mutation) => {
        const event = mutate(envelopeFor(seed, seed.example), mutation) as Record<string, unknown>;
        const verdict = validateEvent(event);
        assert.equal(verdict.ok, event !== null && typeof event === 'object' && !Array.isArray(event) && oracleAccepts(event));
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on corrupted message bytes, and accepts only what the oracle accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (seed, position, byte, insert) => {
        const bytes = Buffer.from(JSON.stringify(envelopeFor(seed, seed.example)));
        const at = position % bytes.length;
        const corrupted = insert ? Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]) : Buffer.from(bytes).fill(byte, at, at + 1);
        const verdict = decodeEvent(corrupted, 64 * 1024);
        if (verdict.ok) assert.ok(oracleAccepts(JSON.parse(corrupted.toString('utf8'))));
      }),
      { numRuns: 4000 },
    );
  });
});
