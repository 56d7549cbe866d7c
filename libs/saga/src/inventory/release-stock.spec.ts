import assert from 'node:assert/strict';
import { event } from '../events';
import { aPlacedOrder, orderId, paymentDeclined } from '../fixtures';
import { releaseStock } from './release-stock';
import { reserveStock } from './reserve-stock';
import type { Reservation } from './reservation';
import type { StockBySku } from './stock';

const items = [{ sku: 'SKU-001', quantity: 2 }];
const held: Reservation = { orderId, status: 'RESERVED', items };
const stock: StockBySku = { 'SKU-001': { sku: 'SKU-001', available: 8, reserved: 2 } };
const refunded = event('payment.refunded', { orderId, amountCents: 100, reason: 'shipping_failed' });

describe('releaseStock', () => {
  it('payment.declined gives back what the order holds and emits stock.released (payment_declined)', () => {
    const decision = releaseStock(held, stock, paymentDeclined);
    assert.equal(decision.kind, 'changed');
    if (decision.kind !== 'changed') return;
    assert.deepEqual(decision.state.reservation, { orderId, status: 'RELEASED', items });
    assert.deepEqual(decision.state.stock, [{ sku: 'SKU-001', available: 10, reserved: 0 }]);
    assert.deepEqual(decision.emit, [{ type: 'stock.released', data: { orderId, items, reason: 'payment_declined' } }]);
  });

  it('payment.refunded releases with the reason the relay carries', () => {
    const decision = releaseStock(held, stock, refunded);
    assert.ok(decision.kind === 'changed');
    assert.deepEqual(decision.emit[0].data, { orderId, items, reason: 'shipping_failed' });
  });

  it('releases at most once: a second trigger changes nothing', () => {
    const first = releaseStock(held, stock, paymentDeclined);
    assert.ok(first.kind === 'changed');
    assert.equal(releaseStock(first.state.reservation, stock, refunded).kind, 'unchanged');
    assert.equal(releaseStock(first.state.reservation, stock, paymentDeclined).kind, 'unchanged');
  });

  it('still answers stock.released when nothing was held, so the relay completes', () => {
    const failed: Reservation = { orderId, status: 'FAILED', items: [] };
    for (const before of [undefined, failed]) {
      const decision = releaseStock(before, stock, refunded);
      assert.ok(decision.kind === 'changed');
      assert.deepEqual(decision.state, { reservation: { orderId, status: 'CANCELLED', items: [] }, stock: [] });
      assert.deepEqual(decision.emit, [{ type: 'stock.released', data: { orderId, items: [], reason: 'shipping_failed' } }]);
    }
  });

  it('a release before order.created leaves a record that refuses the late reservation', () => {
    const released = releaseStock(undefined, stock, refunded);
    assert.ok(released.kind === 'changed');
    const late = reserveStock(released.state.reservation, stock, aPlacedOrder().created);
    assert.equal(late.kind, 'unchanged');
  });
});
