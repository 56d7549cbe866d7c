import assert from 'node:assert/strict';
import { validateOrderRequest } from './validate-order-request';

const validBody = () => ({
  customerId: 'cust-1',
  items: [
    { sku: 'SKU-001', quantity: 2, unitPrice: 19.99 },
    { sku: 'SKU-002', quantity: 1000, unitPrice: 0.01 },
  ],
  paymentToken: 'tok_visa',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75002', country: 'FR' },
});

function fieldsOf(body: unknown): string[] {
  const result = validateOrderRequest(body);
  assert.equal(result.ok, false, 'expected the body to be refused');
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe('validateOrderRequest', () => {
  it('accepts a valid body and converts decimal prices to integer cents', () => {
    const result = validateOrderRequest(validBody());
    assert.ok(result.ok);
    assert.deepEqual(result.value.items, [
      { sku: 'SKU-001', quantity: 2, unitPriceCents: 1999 },
      { sku: 'SKU-002', quantity: 1000, unitPriceCents: 1 },
    ]);
    assert.equal(result.value.shippingAddress.country, 'FR');
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, 'x', 42, []]) assert.deepEqual(fieldsOf(body), ['(body)']);
  });

  it('names every invalid field at once', () => {
    const fields = fieldsOf({ items: [{ sku: '', quantity: 0, unitPrice: -1 }], shippingAddress: {} });
    assert.deepEqual(fields.sort(), [
      'customerId',
      'items[0].quantity',
      'items[0].sku',
      'items[0].unitPrice',
      'paymentToken',
      'shippingAddress.city',
      'shippingAddress.country',
      'shippingAddress.line1',
      'shippingAddress.name',
      'shippingAddress.postalCode',
    ]);
  });

  it('refuses unknown fields at every level, naming each and the known ones', () => {
    const body = {
      ...validBody(),
      coupon: 'SAVE10',
      items: [{ sku: 'SKU-001', quantity: 1, unitPrice: 1, qty: 2 }],
      shippingAddress: { ...validBody().shippingAddress, line2: 'Apt 4' },
    };
    const result = validateOrderRequest(body);
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.errors, [
      { field: 'coupon', message: 'is not allowed (known fields: customerId, items, paymentToken, shippingAddress)' },
      { field: 'items[0].qty', message: 'is not allowed (known fields: sku, quantity, unitPrice)' },
      { field: 'shippingAddress.line2', message: 'is not allowed (known fields: name, line1, city, postalCode, country)' },
    ]);
  });

  it('requires 1 to 50 items', () => {
    assert.deepEqual(fieldsOf({ ...validBody(), items: [] }), ['items']);
    const many = Array.from({ length: 51 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1, unitPrice: 1 }));
    assert.deepEqual(fieldsOf({ ...validBody(), items: many }), ['items']);
    const fifty = many.slice(0, 50);
    assert.ok(validateOrderRequest({ ...validBody(), items: fifty }).ok);
  });

  it('requires an integer quantity from 1 to 1000', () => {
    for (const quantity of [0, 1001, 1.5, '2', null]) {
      assert.deepEqual(fieldsOf({ ...validBody(), items: [{ sku: 'A', quantity, unitPrice: 1 }] }), ['items[0].quantity']);
    }
  });

  it('requires a price above 0 with at most two decimals', () => {
    for (const unitPrice of [0, -5, 0.001, 1.005, '9.99', Number.NaN, Infinity]) {
      assert.deepEqual(fieldsOf({ ...validBody(), items: [{ sku: 'A', quantity: 1, unitPrice }] }), ['items[0].unitPrice']);
    }
  });

  it('refuses the same SKU on two lines', () => {
    const items = [
      { sku: 'A', quantity: 1, unitPrice: 1 },
      { sku: 'A', quantity: 2, unitPrice: 1 },
    ];
    assert.deepEqual(fieldsOf({ ...validBody(), items }), ['items[1].sku']);
  });

  it('refuses a total over the largest amount an event can carry', () => {
    const items = [{ sku: 'A', quantity: 1000, unitPrice: 1_000_000_000 }];
    assert.deepEqual(fieldsOf({ ...validBody(), items }), ['items']);
  });

  it('accepts only assigned ISO 3166 alpha-2 country codes', () => {
    const withCountry = (country: unknown) => ({ ...validBody(), shippingAddress: { ...validBody().shippingAddress, country } });
    for (const country of ['AQ', 'KP', 'US', 'DE']) assert.ok(validateOrderRequest(withCountry(country)).ok, country);
    for (const country of ['ZZ', 'fr', 'FRA', '', 7]) assert.deepEqual(fieldsOf(withCountry(country)), ['shippingAddress.country']);
  });

  it('bounds string lengths as the event schemas do', () => {
    assert.deepEqual(fieldsOf({ ...validBody(), customerId: 'c'.repeat(65) }), ['customerId']);
    assert.deepEqual(fieldsOf({ ...validBody(), paymentToken: 't'.repeat(129) }), ['paymentToken']);
    const address = { ...validBody().shippingAddress, postalCode: '1'.repeat(21) };
    assert.deepEqual(fieldsOf({ ...validBody(), shippingAddress: address }), ['shippingAddress.postalCode']);
  });
});
