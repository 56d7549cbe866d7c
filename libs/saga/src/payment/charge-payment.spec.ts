import assert from 'node:assert/strict';
import { aPlacedOrder, later, orderId, shipmentCancelled, stockReserved } from '../fixtures';
import { chargePayment } from './charge-payment';
import type { Payment } from './payment';
import { refundPayment } from './refund-payment';
import { rememberOrderForPayment } from './remember-order-for-payment';

const context = { paymentId: 'pay-1', at: later };

function paymentFor(paymentToken: string, unitPriceCents = 1999): Payment {
  const { created } = aPlacedOrder({ paymentToken, items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents }] });
  const decision = rememberOrderForPayment(undefined, created);
  assert.ok(decision.kind === 'changed');
  return decision.state;
}

describe('rememberOrderForPayment', () => {
  it('records token and total, and ignores a duplicate order.created', () => {
    const payment = paymentFor('tok_visa');
    assert.deepEqual(payment.charge, { paymentToken: 'tok_visa', totalCents: 1999 });
    assert.equal(payment.status, 'PENDING');
    assert.equal(rememberOrderForPayment(payment, aPlacedOrder().created).kind, 'unchanged');
  });
});

describe('chargePayment', () => {
  it('captures the total once and emits payment.captured', () => {
    const decision = chargePayment(paymentFor('tok_visa'), stockReserved, context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'CAPTURED');
    assert.equal(decision.state.capturedCents, 1999);
    assert.deepEqual(decision.state.operations, [{ kind: 'capture', amountCents: 1999, at: later, paymentId: 'pay-1' }]);
    assert.deepEqual(decision.emit, [{ type: 'payment.captured', data: { orderId, paymentId: 'pay-1', amountCents: 1999 } }]);
    assert.equal(chargePayment(decision.state, stockReserved, { ...context, paymentId: 'pay-2' }).kind, 'unchanged');
  });

  it('declines tok_declined with card_declined', () => {
    const decision = chargePayment(paymentFor('tok_declined'), stockReserved, context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'DECLINED');
    assert.equal(decision.state.capturedCents, 0);
    assert.deepEqual(decision.state.operations, []);
    assert.deepEqual(decision.emit, [
      { type: 'payment.declined', data: { orderId, amountCents: 1999, reason: 'card_declined' } },
    ]);
    assert.equal(chargePayment(decision.state, stockReserved, context).kind, 'unchanged');
  });

  it('declines a total over 5,000.00 with amount_over_limit, and accepts exactly 5,000.00', () => {
    const over = chargePayment(paymentFor('tok_visa', 500_001), stockReserved, context);
    assert.ok(over.kind === 'changed');
    assert.deepEqual(over.emit[0], {
      type: 'payment.declined',
      data: { orderId, amountCents: 500_001, reason: 'amount_over_limit' },
    });
    const limit = chargePayment(paymentFor('tok_visa', 500_000), stockReserved, context);
    assert.ok(limit.kind === 'changed');
    assert.equal(limit.emit[0].type, 'payment.captured');
  });

  it('tok_hang: the provider never answers, so nothing is emitted', () => {
    const decision = chargePayment(paymentFor('tok_hang'), stockReserved, context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'AWAITING_PROVIDER');
    assert.deepEqual(decision.emit, []);
    assert.equal(chargePayment(decision.state, stockReserved, context).kind, 'unchanged');
  });

  it('stock.reserved before order.created asks to retry later', () => {
    assert.equal(chargePayment(undefined, stockReserved, context).kind, 'retry-later');
  });

  it('refuses to capture once the undo relay passed, even before order.created', () => {
    const closedEarly = refundPayment(undefined, shipmentCancelled(), later);
    assert.ok(closedEarly.kind === 'changed');
    assert.equal(chargePayment(closedEarly.state, stockReserved, context).kind, 'unchanged');
    const remembered = rememberOrderForPayment(closedEarly.state, aPlacedOrder().created);
    assert.ok(remembered.kind === 'changed');
    assert.equal(remembered.state.compensated, true);
    assert.equal(chargePayment(remembered.state, stockReserved, context).kind, 'unchanged');
  });
});
