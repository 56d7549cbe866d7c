import assert from 'node:assert/strict';
import { aStockReserved, later, orderId, shipmentCancelled, stockReserved, stockReservedWithoutCharge } from '../fixtures';
import { chargePayment } from './charge-payment';
import { type Payment, newPayment } from './payment';
import { refundPayment } from './refund-payment';

const context = { paymentId: 'pay-1', at: later };

/** `stock.reserved` for a one-line order of `unitPriceCents`, paid with `paymentToken`. */
function reservedFor(paymentToken: string, unitPriceCents = 1999) {
  return aStockReserved({ paymentToken, items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents }] });
}

/** A record a previous release opened on `order.created`: PENDING, with the charge it remembered. */
function rememberedByPreviousRelease(paymentToken: string, totalCents: number): Payment {
  return { ...newPayment(orderId), charge: { paymentToken, totalCents } };
}

describe('chargePayment', () => {
  it('charges what stock.reserved carries, without any earlier record, and keeps no copy of it', () => {
    const decision = chargePayment(undefined, reservedFor('tok_visa'), context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.orderId, orderId);
    assert.equal(decision.state.status, 'CAPTURED');
    assert.equal(decision.state.capturedCents, 1999);
    assert.equal(decision.state.charge, undefined, 'the token is not stored');
  });

  it('captures the total once and emits payment.captured carrying the address stock.reserved carried', () => {
    const decision = chargePayment(undefined, reservedFor('tok_visa'), context);
    assert.ok(decision.kind === 'changed');
    assert.deepEqual(decision.state.operations, [{ kind: 'capture', amountCents: 1999, at: later, paymentId: 'pay-1' }]);
    assert.deepEqual(decision.emit, [
      {
        type: 'payment.captured',
        data: { orderId, paymentId: 'pay-1', amountCents: 1999, shippingAddress: stockReserved.data.shippingAddress },
      },
    ]);
    assert.equal(chargePayment(decision.state, reservedFor('tok_visa'), { ...context, paymentId: 'pay-2' }).kind, 'unchanged');
  });

  it('declines tok_declined with card_declined', () => {
    const decision = chargePayment(undefined, reservedFor('tok_declined'), context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'DECLINED');
    assert.equal(decision.state.capturedCents, 0);
    assert.deepEqual(decision.state.operations, []);
    assert.deepEqual(decision.emit, [
      { type: 'payment.declined', data: { orderId, amountCents: 1999, reason: 'card_declined' } },
    ]);
    assert.equal(chargePayment(decision.state, reservedFor('tok_declined'), context).kind, 'unchanged');
  });

  it('declines a total over 5,000.00 with amount_over_limit, and accepts exactly 5,000.00', () => {
    const over = chargePayment(undefined, reservedFor('tok_visa', 500_001), context);
    assert.ok(over.kind === 'changed');
    assert.deepEqual(over.emit[0], {
      type: 'payment.declined',
      data: { orderId, amountCents: 500_001, reason: 'amount_over_limit' },
    });
    const limit = chargePayment(undefined, reservedFor('tok_visa', 500_000), context);
    assert.ok(limit.kind === 'changed');
    assert.equal(limit.emit[0].type, 'payment.captured');
  });

  it('tok_hang: the provider never answers, so nothing is emitted', () => {
    const decision = chargePayment(undefined, reservedFor('tok_hang'), context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'AWAITING_PROVIDER');
    assert.deepEqual(decision.emit, []);
    assert.equal(chargePayment(decision.state, reservedFor('tok_hang'), context).kind, 'unchanged');
  });

  it('prefers the charge the event carries to one a previous release remembered', () => {
    const decision = chargePayment(rememberedByPreviousRelease('tok_declined', 7), reservedFor('tok_visa'), context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'CAPTURED');
    assert.equal(decision.state.capturedCents, 1999);
  });

  it('a stock.reserved without charge (an older inventory-service) charges what a previous release remembered', () => {
    const decision = chargePayment(rememberedByPreviousRelease('tok_visa', 4498), stockReservedWithoutCharge, context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'CAPTURED');
    assert.equal(decision.state.capturedCents, 4498);
    assert.deepEqual(decision.emit, [{ type: 'payment.captured', data: { orderId, paymentId: 'pay-1', amountCents: 4498 } }], 'no address to pass on');
    const declined = chargePayment(rememberedByPreviousRelease('tok_declined', 4498), stockReservedWithoutCharge, context);
    assert.ok(declined.kind === 'changed');
    assert.equal(declined.emit[0].type, 'payment.declined');
  });

  it('a stock.reserved without charge and no remembered one asks to retry later, saying why', () => {
    for (const payment of [undefined, newPayment(orderId)]) {
      assert.deepEqual(chargePayment(payment, stockReservedWithoutCharge, context), {
        kind: 'retry-later',
        why: `stock.reserved for ${orderId} carries no charge and none was remembered (sent by an inventory-service older than this release?)`,
      });
    }
  });

  it('refuses to capture once the undo relay passed, even when the relay came before stock.reserved', () => {
    const closedEarly = refundPayment(undefined, shipmentCancelled(), later);
    assert.ok(closedEarly.kind === 'changed');
    assert.equal(closedEarly.state.compensated, true);
    assert.equal(chargePayment(closedEarly.state, stockReserved, context).kind, 'unchanged', 'not even with a charge in the event');
    assert.equal(chargePayment(closedEarly.state, stockReservedWithoutCharge, context).kind, 'unchanged', 'refused, not retried');
    const closedAfterRemembering = refundPayment(rememberedByPreviousRelease('tok_visa', 4498), shipmentCancelled(), later);
    assert.ok(closedAfterRemembering.kind === 'changed');
    assert.equal(chargePayment(closedAfterRemembering.state, stockReservedWithoutCharge, context).kind, 'unchanged');
  });
});
