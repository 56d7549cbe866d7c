import path from 'node:path';
import assert from 'node:assert/strict';
import { orderCatalogue } from './catalogue';
import type { JsonSchema } from '@troupe/contracts';
import { breakingChanges } from '@troupe/contracts/testing';
import { checkAgainstLock, readSchemaLock, schemaLockFileOf } from '@troupe/contracts/testing';

const released: JsonSchema = orderCatalogue.schemas.find((entry) => entry.id.endsWith('/order.created/v1'))!.schema;

/** A copy of the released OrderCreated schema with one edit applied. */
function edited(edit: (schema: any) => void): JsonSchema { // eslint-disable-line @typescript-eslint/no-explicit-any
  const copy = structuredClone(released);
  edit(copy);
  return copy;
}

describe('breakingChanges', () => {
  it('finds nothing between a schema and itself, or after editing only documentation', () => {
    assert.deepEqual(breakingChanges(released, released), []);
    assert.deepEqual(breakingChanges(released, edited((s) => { s.description = 'new words'; s.examples = []; s.properties.orderId.title = 'Id'; })), []);
  });

  const breaks: Array<[string, (schema: any) => void, RegExp]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a new required field', (s) => { s.properties.currency = { type: 'string', maxLength: 3 }; s.required.push('currency'); }, /^\/: new required field 'currency'$/],
    ['a removed field', (s) => { delete s.properties.paymentToken; s.required = s.required.filter((n: string) => n !== 'paymentToken'); }, /^\/paymentToken: field removed/],
    ['a narrowed type', (s) => { s.properties.totalCents.type = 'string'; }, /^\/totalCents: type narrowed: integer no longer accepted$/],
    ['a narrowed enum', (s) => { s.properties.shippingAddress.properties.country = { type: 'string', maxLength: 2, enum: ['GB', 'FR'] }; }, /^\/shippingAddress\/country: enum added/],
    ['a tightened maxLength', (s) => { s.properties.paymentToken.maxLength = 64; }, /^\/paymentToken: maxLength tightened from 128 to 64$/],
    ['a tightened maxItems', (s) => { s.properties.items.maxItems = 10; }, /^\/items: maxItems tightened from 50 to 10$/],
    ['a raised minimum deep in an array', (s) => { s.properties.items.items.properties.unitPriceCents.minimum = 100; }, /^\/items\/\[\]\/unitPriceCents: minimum tightened from 1 to 100$/],
    ['a new pattern', (s) => { s.properties.customerId.pattern = '^cust-'; }, /^\/customerId: pattern changed to "\^cust-"$/],
  ];
  for (const [name, edit, expected] of breaks) {
    it(`catches ${name}`, () => {
      const found = breakingChanges(released, edited(edit));
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], expected);
    });
  }

  it('catches number narrowed to integer, a removed enum value and additionalProperties tightened', () => {
    const asNumber = edited((s) => { s.properties.totalCents.type = 'number'; });
    assert.deepEqual(breakingChanges(asNumber, released), ['/totalCents: type narrowed: number no longer accepted']);
    const open = edited((s) => { s.properties.shippingAddress.additionalProperties = true; });
    assert.deepEqual(breakingChanges(open, released), ['/shippingAddress: additionalProperties tightened to false']);
    const cancelled = orderCatalogue.schemas.find((entry) => entry.id.endsWith('/order.cancelled/v1'))!.schema as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const fewer = structuredClone(cancelled);
    fewer.properties.reason.enum = fewer.properties.reason.enum.filter((value: string) => value !== 'timed_out');
    assert.deepEqual(breakingChanges(cancelled, fewer), ['/reason: enum narrowed: "timed_out" removed']);
  });

  it('accepts compatible changes: optional field added, bound loosened, enum widened, type widened', () => {
    const compatible = edited((s) => {
      s.properties.giftMessage = { type: 'string', maxLength: 200 };
      s.properties.items.maxItems = 100;
      s.properties.paymentToken.maxLength = 256;
      s.properties.items.items.properties.quantity.minimum = 0;
      s.properties.totalCents.type = 'number';
      s.properties.shippingAddress.properties.country.pattern = '^[A-Z]{2}$';
    });
    assert.deepEqual(breakingChanges(released, compatible), []);
    const cancelled = orderCatalogue.schemas.find((entry) => entry.id.endsWith('/order.cancelled/v1'))!.schema as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const wider = structuredClone(cancelled);
    wider.properties.reason.enum.push('fraud_suspected');
    wider.properties.reason.maxLength = 40;
    assert.deepEqual(breakingChanges(cancelled, wider), []);
  });

  it('treats unknown keywords it cannot reason about as breaking when they change', () => {
    assert.deepEqual(breakingChanges(released, edited((s) => { s.properties.customerId.anyOf = [{ maxLength: 5 }]; })), ["/customerId: 'anyOf' changed: cannot prove it compatible"]);
  });
});

describe('the schema lock', () => {
  it('accepts the committed schemas (run npx nx run order-catalogue:release-schemas after an intended compatible change)', () => {
    assert.deepEqual(checkAgainstLock(orderCatalogue.schemas, readSchemaLock(schemaLockFileOf(path.join(__dirname, '..')))).breaks, []);
  });

  it('refuses a released schema that disappeared, and lets a new version through unchecked', () => {
    const catalogue = orderCatalogue.schemas;
    const withoutFirst = catalogue.slice(1);
    assert.deepEqual(checkAgainstLock(withoutFirst, readSchemaLock(schemaLockFileOf(path.join(__dirname, '..')))).breaks, [`${catalogue[0].id}: released schema removed; keep it while events of that version may exist`]);
    const v2 = { ...catalogue[0], version: 2, id: catalogue[0].id.replace(/v1$/, 'v2'), schema: { ...catalogue[0].schema, required: ['orderId', 'brandNew'] } };
    const unreleasedBefore = checkAgainstLock(catalogue, readSchemaLock(schemaLockFileOf(path.join(__dirname, '..')))).unreleased; // e.g. a generated draft event
    assert.deepEqual(checkAgainstLock([...catalogue, v2], readSchemaLock(schemaLockFileOf(path.join(__dirname, '..')))), { breaks: [], unreleased: [...unreleasedBefore, v2.id] });
  });

  it('refuses an incompatible edit of a released version', () => {
    const catalogue = orderCatalogue.schemas.map((entry) =>
      entry.type === 'payment.captured' ? { ...entry, schema: { ...entry.schema, required: [...(entry.schema.required as string[]), 'currency'] } } : entry,
    );
    assert.deepEqual(checkAgainstLock(catalogue, readSchemaLock(schemaLockFileOf(path.join(__dirname, '..')))).breaks, ["https://troupe.dev/schemas/payment.captured/v1 /: new required field 'currency'"]);
  });
});
