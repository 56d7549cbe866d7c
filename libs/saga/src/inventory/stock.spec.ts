import assert from 'node:assert/strict';
import { seedStock, setAvailable } from './stock';

describe('seedStock', () => {
  it('is SKU-001 … SKU-100 with 1,000 available each and nothing reserved', () => {
    const stock = seedStock();
    assert.equal(stock.length, 100);
    assert.deepEqual(stock[0], { sku: 'SKU-001', available: 1000, reserved: 0 });
    assert.deepEqual(stock[99], { sku: 'SKU-100', available: 1000, reserved: 0 });
    assert.equal(new Set(stock.map((level) => level.sku)).size, 100);
  });
});

describe('setAvailable', () => {
  it('sets available and keeps what orders hold', () => {
    const result = setAvailable({ sku: 'SKU-001', available: 10, reserved: 4 }, 'SKU-001', 3);
    assert.deepEqual(result, { ok: true, level: { sku: 'SKU-001', available: 3, reserved: 4 } });
  });

  it('creates a level for a new SKU', () => {
    assert.deepEqual(setAvailable(undefined, 'NEW', 0), { ok: true, level: { sku: 'NEW', available: 0, reserved: 0 } });
  });

  it('refuses anything but an integer from 0 to 1e9', () => {
    for (const value of [-1, 1.5, '3', null, 1_000_000_001]) {
      assert.equal(setAvailable(undefined, 'X', value).ok, false, String(value));
    }
  });
});
