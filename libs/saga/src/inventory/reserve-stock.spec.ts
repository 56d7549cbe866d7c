import assert from 'node:assert/strict';
import { aPlacedOrder, orderId } from '../fixtures';
import { reserveStock, skusOf } from './reserve-stock';
import type { StockBySku } from './stock';

const { created } = aPlacedOrder(); // SKU-001 × 2, SKU-002 × 1

describe('reserveStock', () => {
  it('reserves every item when all are available', () => {
    const stock: StockBySku = {
      'SKU-001': { sku: 'SKU-001', available: 2, reserved: 5 },
      'SKU-002': { sku: 'SKU-002', available: 10, reserved: 0 },
    };
    const decision = reserveStock(undefined, stock, created);
    assert.equal(decision.kind, 'changed');
    if (decision.kind !== 'changed') return;
    const items = [
      { sku: 'SKU-001', quantity: 2 },
      { sku: 'SKU-002', quantity: 1 },
    ];
    assert.deepEqual(decision.state.reservation, { orderId, status: 'RESERVED', items });
    assert.deepEqual(decision.state.stock, [
      { sku: 'SKU-001', available: 0, reserved: 7 },
      { sku: 'SKU-002', available: 9, reserved: 1 },
    ]);
    const { paymentToken, totalCents, shippingAddress } = created.data;
    assert.deepEqual(decision.emit, [
      { type: 'stock.reserved', data: { orderId, items, charge: { paymentToken, totalCents }, shippingAddress } },
    ]);
  });

  it('carries the charge and the shipping address of order.created forward in stock.reserved', () => {
    const stock: StockBySku = { 'SKU-001': { sku: 'SKU-001', available: 100, reserved: 0 } };
    const { created: declined } = aPlacedOrder({
      paymentToken: 'tok_declined',
      items: [{ sku: 'SKU-001', quantity: 3, unitPriceCents: 250 }],
      shippingAddress: { name: 'Grace Hopper', line1: '1 Base Road', city: 'Rothera', postalCode: '00000', country: 'AQ' },
    });
    const decision = reserveStock(undefined, stock, declined);
    assert.ok(decision.kind === 'changed');
    const [reserved] = decision.emit;
    assert.ok(reserved?.type === 'stock.reserved');
    assert.deepEqual(reserved.data.charge, { paymentToken: 'tok_declined', totalCents: 750 });
    assert.deepEqual(reserved.data.shippingAddress, declined.data.shippingAddress);
    assert.notEqual(reserved.data.shippingAddress, declined.data.shippingAddress, 'a copy, not the incoming object');
    assert.deepEqual(decision.state.reservation, { orderId, status: 'RESERVED', items: [{ sku: 'SKU-001', quantity: 3 }] }, 'the record keeps neither');
  });

  it('reserves nothing when any item is short, listing every shortage', () => {
    const stock: StockBySku = {
      'SKU-001': { sku: 'SKU-001', available: 1, reserved: 0 },
      'SKU-002': { sku: 'SKU-002', available: 10, reserved: 0 },
    };
    const decision = reserveStock(undefined, stock, created);
    assert.equal(decision.kind, 'changed');
    if (decision.kind !== 'changed') return;
    assert.deepEqual(decision.state.reservation, { orderId, status: 'FAILED', items: [] });
    assert.deepEqual(decision.state.stock, [], 'no stock level may change');
    assert.deepEqual(decision.emit, [
      {
        type: 'stock.reservation-failed',
        data: { orderId, reason: 'insufficient_stock', shortages: [{ sku: 'SKU-001', requested: 2, available: 1 }] },
      },
    ]);
  });

  it('treats an unknown SKU as 0 available and says so', () => {
    const stock: StockBySku = { 'SKU-001': { sku: 'SKU-001', available: 100, reserved: 0 } };
    const decision = reserveStock(undefined, stock, created);
    assert.ok(decision.kind === 'changed');
    assert.deepEqual(decision.emit[0].data, {
      orderId,
      reason: 'unknown_sku',
      shortages: [{ sku: 'SKU-002', requested: 1, available: 0 }],
    });
  });

  it('refuses a second reservation for the same order whatever its record says', () => {
    const stock: StockBySku = { 'SKU-001': { sku: 'SKU-001', available: 100, reserved: 0 } };
    for (const status of ['RESERVED', 'FAILED', 'RELEASED', 'CANCELLED'] as const) {
      const decision = reserveStock({ orderId, status, items: [] }, stock, created);
      assert.equal(decision.kind, 'unchanged', status);
    }
  });

  it('skusOf names each SKU the handler must load, once', () => {
    assert.deepEqual(skusOf([{ sku: 'A' }, { sku: 'B' }, { sku: 'A' }]), ['A', 'B']);
  });
});
