import assert from 'node:assert/strict';
import { aStockReserved, later, orderId, shipmentCancelled, shipmentFailed, stockReserved } from '../fixtures';
import { chargePayment } from './charge-payment';
import { Payment, newPayment, paymentView } from './payment';
import { refundPayment } from './refund-payment';

function captured(): Payment {
  const charged = chargePayment(undefined, stockReserved, { paymentId: 'pay-1', at: later });
  assert.ok(charged.kind === 'changed');
  return charged.state;
}

describe('refundPayment', () => {
  it('shipment.failed refunds what was captured and emits payment.refunded (shipping_failed)', () => {
    const decision = refundPayment(captured(), shipmentFailed, later);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'REFUNDED');
    assert.equal(decision.state.refundedCents, 4498);
    assert.deepEqual(decision.emit, [
      { type: 'payment.refunded', data: { orderId, amountCents: 4498, reason: 'shipping_failed', paymentId: 'pay-1' } },
    ]);
    assert.deepEqual(paymentView(decision.state), {
      orderId,
      captured: 4498,
      refunded: 4498,
      status: 'REFUNDED',
      operations: [
        { kind: 'capture', amountCents: 4498, at: later, paymentId: 'pay-1' },
        { kind: 'refund', amountCents: 4498, at: later, paymentId: 'pay-1' },
      ],
    });
  });

  it('shipment.cancelled refunds with the cancellation reason', () => {
    const decision = refundPayment(captured(), shipmentCancelled('timed_out'), later);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.emit[0].type, 'payment.refunded');
    assert.equal((decision.emit[0].data as { reason: string }).reason, 'timed_out');
  });

  for (const [first, second] of [
    [shipmentFailed, shipmentCancelled()],
    [shipmentCancelled(), shipmentFailed],
  ] as const) {
    it(`${first.type} then ${second.type}: exactly one refund and one payment.refunded`, () => {
      const once = refundPayment(captured(), first, later);
      assert.ok(once.kind === 'changed');
      const twice = refundPayment(once.state, second, later);
      assert.equal(twice.kind, 'unchanged');
      assert.equal(refundPayment(once.state, first, later).kind, 'unchanged', 'a duplicate too');
      assert.equal(once.state.operations.filter((operation) => operation.kind === 'refund').length, 1);
    });
  }

  it('refunds 0 when nothing was captured, without a refund operation, and still passes the relay on', () => {
    const hanging = chargePayment(undefined, aStockReserved({ paymentToken: 'tok_hang' }), { paymentId: 'pay-1', at: later });
    assert.ok(hanging.kind === 'changed');
    // AWAITING_PROVIDER, and PENDING as a previous release left a record it opened on order.created.
    for (const payment of [hanging.state, { ...newPayment(orderId), charge: { paymentToken: 'tok_visa', totalCents: 4498 } }]) {
      const decision = refundPayment(payment, shipmentCancelled(), later);
      assert.ok(decision.kind === 'changed');
      assert.equal(decision.state.status, 'CANCELLED');
      assert.equal(decision.state.refundedCents, 0);
      assert.deepEqual(decision.state.operations, []);
      assert.deepEqual(decision.emit, [
        { type: 'payment.refunded', data: { orderId, amountCents: 0, reason: 'customer_cancelled' } },
      ]);
    }
  });

  it('a declined payment stays DECLINED when the relay passes', () => {
    const declined = chargePayment(undefined, aStockReserved({ paymentToken: 'tok_declined' }), { paymentId: 'pay-1', at: later });
    assert.ok(declined.kind === 'changed');
    const decision = refundPayment(declined.state, shipmentCancelled(), later);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'DECLINED');
    assert.equal((decision.emit[0].data as { amountCents: number }).amountCents, 0);
  });

  it('a relay reaching payment before stock.reserved opens a closed record', () => {
    const decision = refundPayment(undefined, shipmentCancelled(), later);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.compensated, true);
    assert.equal(decision.state.capturedCents, 0);
  });
});
