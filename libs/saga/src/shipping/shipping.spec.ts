import assert from 'node:assert/strict';
import { event } from '../events';
import { aPlacedOrder, orderId, paymentCaptured } from '../fixtures';
import { cancelShipment } from './cancel-shipment';
import { rememberOrderForShipping } from './remember-order-for-shipping';
import { scheduleShipment } from './schedule-shipment';
import { Shipment, shipmentView } from './shipment';

const cancellation = event('order.cancellation-requested', { orderId, reason: 'customer_cancelled', orderVersion: 2 });

function shipmentTo(country: string, postalCode = '75002'): Shipment {
  const base = aPlacedOrder().created;
  const created = { ...base, data: { ...base.data, shippingAddress: { ...base.data.shippingAddress, country, postalCode } } };
  const decision = rememberOrderForShipping(undefined, created);
  assert.ok(decision.kind === 'changed');
  return decision.state;
}

function scheduled(): Shipment {
  const decision = scheduleShipment(shipmentTo('FR'), paymentCaptured, 'ship-1');
  assert.ok(decision.kind === 'changed');
  return decision.state;
}

describe('shipping', () => {
  it('order.created remembers the address once', () => {
    const shipment = shipmentTo('FR');
    assert.equal(shipment.status, 'AWAITING_PAYMENT');
    assert.equal(shipment.address?.city, 'Paris');
    assert.equal(rememberOrderForShipping(shipment, aPlacedOrder().created).kind, 'unchanged');
  });

  it('payment.captured schedules and emits shipment.scheduled, once', () => {
    const decision = scheduleShipment(shipmentTo('FR'), paymentCaptured, 'ship-1');
    assert.ok(decision.kind === 'changed');
    assert.deepEqual(shipmentView(decision.state), { orderId, status: 'SCHEDULED' });
    assert.deepEqual(decision.emit, [{ type: 'shipment.scheduled', data: { orderId, shipmentId: 'ship-1' } }]);
    assert.equal(scheduleShipment(decision.state, paymentCaptured, 'ship-2').kind, 'unchanged');
  });

  for (const [country, postalCode, reason] of [
    ['AQ', '75002', 'unserviceable_country'],
    ['KP', '75002', 'unserviceable_country'],
    ['FR', '00000', 'invalid_postal_code'],
  ] as const) {
    it(`fails for ${country} ${postalCode} with ${reason}`, () => {
      const decision = scheduleShipment(shipmentTo(country, postalCode), paymentCaptured, 'ship-1');
      assert.ok(decision.kind === 'changed');
      assert.equal(decision.state.status, 'FAILED');
      assert.deepEqual(decision.emit, [{ type: 'shipment.failed', data: { orderId, reason } }]);
      assert.equal(scheduleShipment(decision.state, paymentCaptured, 'ship-1').kind, 'unchanged');
    });
  }

  it('payment.captured before order.created asks to retry later', () => {
    assert.equal(scheduleShipment(undefined, paymentCaptured, 'ship-1').kind, 'retry-later');
  });

  it('cancels a scheduled shipment: wasScheduled true, shipment.cancelled once', () => {
    const decision = cancelShipment(scheduled(), cancellation);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'CANCELLED');
    assert.deepEqual(decision.emit, [
      { type: 'shipment.cancelled', data: { orderId, wasScheduled: true, reason: 'customer_cancelled', shipmentId: 'ship-1' } },
    ]);
    assert.equal(cancelShipment(decision.state, cancellation).kind, 'unchanged');
  });

  it('cancels before payment: wasScheduled false, and never schedules afterwards', () => {
    const decision = cancelShipment(shipmentTo('FR'), cancellation);
    assert.ok(decision.kind === 'changed');
    assert.deepEqual(decision.emit, [
      { type: 'shipment.cancelled', data: { orderId, wasScheduled: false, reason: 'customer_cancelled' } },
    ]);
    assert.equal(scheduleShipment(decision.state, paymentCaptured, 'ship-1').kind, 'unchanged');
  });

  it('a cancellation before order.created opens a CANCELLED record that stays cancelled', () => {
    const decision = cancelShipment(undefined, cancellation);
    assert.ok(decision.kind === 'changed');
    assert.equal(scheduleShipment(decision.state, paymentCaptured, 'ship-1').kind, 'unchanged', 'refused, not retried');
    const remembered = rememberOrderForShipping(decision.state, aPlacedOrder().created);
    assert.ok(remembered.kind === 'changed');
    assert.equal(remembered.state.status, 'CANCELLED');
    assert.equal(scheduleShipment(remembered.state, paymentCaptured, 'ship-1').kind, 'unchanged');
  });

  it('a cancellation after a failure starts no second relay', () => {
    const failed = scheduleShipment(shipmentTo('AQ'), paymentCaptured, 'ship-1');
    assert.ok(failed.kind === 'changed');
    assert.equal(cancelShipment(failed.state, cancellation).kind, 'unchanged');
  });
});
