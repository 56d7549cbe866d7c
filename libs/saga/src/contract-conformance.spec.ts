import assert from 'node:assert/strict';
import fc from 'fast-check';
import { orderCatalogue } from '@troupe/order-catalogue';
import { anOrderRequest } from './fixtures';
import type { StockLevel } from './inventory/stock';
import { InMemoryChoreography } from './simulation/in-memory-choreography';
import { runToQuiescence } from './simulation/scenario';

// A contract test from the producer side: every payload the domain emits, on every path, validates against
// the published JSON Schema of its type (formats and bounds included, which types alone cannot check), with the
// catalogue's own validator in all-errors mode.
const validator = orderCatalogue.createValidator({ allErrors: true });
function payloadErrors(type: string, data: unknown): string | null {
  const schema = orderCatalogue.latest().get(type);
  if (!schema) return `no schema for ${type}`;
  const errors = validator.validatePayload(schema.id, data);
  return errors ? errors.join('; ') : null;
}
const stock: StockLevel[] = [{ sku: 'SKU-001', available: 3, reserved: 0 }];
const address = anOrderRequest().shippingAddress;
const requests = [
  anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 2, unitPriceCents: 1999 }] }),
  anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 4, unitPriceCents: 1999 }] }),
  anOrderRequest({ items: [{ sku: 'SKU-404', quantity: 1, unitPriceCents: 1 }] }),
  anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: 1 }], paymentToken: 'tok_declined' }),
  anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: 500_001 }] }),
  anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: 1 }], paymentToken: 'tok_hang' }),
  anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: 1 }], shippingAddress: { ...address, country: 'KP' } }),
  anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: 1 }], shippingAddress: { ...address, postalCode: '00000' } }),
];

describe('emitted payloads conform to the contracts', () => {
  it('every event of every path, in any interleaving, validates against its schema', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { maxLength: 100 }),
        fc.subarray(requests.map((_, i) => i), { minLength: 1 }),
        fc.option(fc.nat({ max: 20 }), { nil: undefined }),
        (picks, chosen, cancelAt) => {
          const system = new InMemoryChoreography(stock);
          const ids = chosen.map((i) => `0b6f6c1e-52a4-4d7e-9c3a-${String(i).padStart(12, '0')}`);
          chosen.forEach((requestIndex, i) => system.place(requests[requestIndex], ids[i]));
          runToQuiescence(
            system,
            (_count, step) => ({ index: picks[step] ?? 0, duplicate: false }),
            (step) => step === cancelAt && ids.forEach((id) => system.cancel(id)),
          );
          for (const { type, data } of system.published) {
            seen.add(type);
            assert.equal(payloadErrors(type, data), null, `${type} ${JSON.stringify(data)}`);
          }
        },
      ),
      { numRuns: 100 },
    );
    assert.equal(seen.size, 15, `all 15 event types were exercised, saw ${[...seen].sort().join(', ')}`);
  });
});
