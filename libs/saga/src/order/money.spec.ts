import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decimalToCents, orderTotalCents } from './money';

describe('decimalToCents', () => {
  it('converts prices whose binary form is inexact', () => {
    assert.equal(decimalToCents(19.99), 1999);
    assert.equal(decimalToCents(0.07), 7);
    assert.equal(decimalToCents(1234.56), 123456);
  });

  it('refuses fractions of a cent and non-finite numbers', () => {
    for (const amount of [0.005, 1.999, Number.NaN, Infinity]) assert.equal(decimalToCents(amount), undefined);
  });

  it('round-trips every cent amount', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000_000_000 }), (cents) => decimalToCents(cents / 100) === cents));
  });
});

describe('orderTotalCents', () => {
  it('sums quantity × unit price', () => {
    assert.equal(orderTotalCents([{ quantity: 2, unitPriceCents: 1999 }, { quantity: 3, unitPriceCents: 1 }]), 4001);
  });
});
