import assert from 'node:assert/strict';
import { event } from '../events';
import { aPaymentCaptured, anOrderRequest, orderId, paymentCaptured, paymentCapturedWithoutAddress } from '../fixtures';
import { cancelShipment } from './cancel-shipment';
import { scheduleShipment } from './schedule-shipment';
import { Shipment, shipmentView } from './shipment';

const cancellation = event('order.cancellation-requested', { orderId, reason: 'customer_cancelled', orderVersion: 2 });
const address = anOrderRequest().shippingAddress;

/** `payment.captured` carrying an address in `country` (and `postalCode`). */
function capturedTo(country: string, postalCode = '75002') {
  return aPaymentCaptured({ ...address, country, postalCode });
}

/** A record a previous release opened on `order.created`: AWAITING_PAYMENT, with the address it remembered. */
function rememberedByPreviousRelease(country: string, postalCode = '75002'): Shipment {
  return { orderId, status: 'AWAITING_PAYMENT', address: { ...address, country, postalCode } };
}

function scheduled(): Shipment {
  const decision = scheduleShipment(undefined, paymentCaptured, 'ship-1');
  assert.ok(decision.kind === 'changed');
  return decision.state;
}

describe('shipping', () => {
  it('payment.captured schedules to the address it carries, without any earlier record, and emits shipment.scheduled once', () => {
    const decision = scheduleShipment(undefined, paymentCaptured, 'ship-1');
    assert.ok(decision.kind === 'changed');
    assert.deepEqual(shipmentView(decision.state), { orderId, status: 'SCHEDULED' });
    assert.equal(decision.state.address, undefined, 'the address is not stored');
    assert.deepEqual(decision.emit, [{ type: 'shipment.scheduled', data: { orderId, shipmentId: 'ship-1' } }]);
    assert.equal(scheduleShipment(decision.state, paymentCaptured, 'ship-2').kind, 'unchanged');
  });

  for (const [country, postalCode, reason] of [
    ['AQ', '75002', 'unserviceable_country'],
    ['KP', '75002', 'unserviceable_country'],
    ['FR', '00000', 'invalid_postal_code'],
  ] as const) {
    it(`fails for ${country} ${postalCode} with ${reason}`, () => {
      const decision = scheduleShipment(undefined, capturedTo(country, postalCode), 'ship-1');
      assert.ok(decision.kind === 'changed');
      assert.equal(decision.state.status, 'FAILED');
      assert.deepEqual(decision.emit, [{ type: 'shipment.failed', data: { orderId, reason } }]);
      assert.equal(scheduleShipment(decision.state, capturedTo(country, postalCode), 'ship-1').kind, 'unchanged');
    });
  }

  it('prefers the address the event carries to one a previous release remembered', () => {
    const decision = scheduleShipment(rememberedByPreviousRelease('AQ'), capturedTo('FR'), 'ship-1');
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'SCHEDULED');
  });

  it('a payment.captured without address (an older payment-service) ships to the address a previous release remembered', () => {
    const decision = scheduleShipment(rememberedByPreviousRelease('FR'), paymentCapturedWithoutAddress, 'ship-1');
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'SCHEDULED');
    const failed = scheduleShipment(rememberedByPreviousRelease('KP'), paymentCapturedWithoutAddress, 'ship-1');
    assert.ok(failed.kind === 'changed');
    assert.deepEqual(failed.emit, [{ type: 'shipment.failed', data: { orderId, reason: 'unserviceable_country' } }]);
  });

  it('a payment.captured without address and no remembered one asks to retry later, saying why', () => {
    assert.deepEqual(scheduleShipment(undefined, paymentCapturedWithoutAddress, 'ship-1'), {
      kind: 'retry-later',
      why: `payment.captured for ${orderId} carries no shipping address and none was remembered (sent by a payment-service older than this release?)`,
    });
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
    const decision = cancelShipment(rememberedByPreviousRelease('FR'), cancellation);
    assert.ok(decision.kind === 'changed');
    assert.deepEqual(decision.emit, [
      { type: 'shipment.cancelled', data: { orderId, wasScheduled: false, reason: 'customer_cancelled' } },
    ]);
    assert.equal(scheduleShipment(decision.state, paymentCaptured, 'ship-1').kind, 'unchanged');
    assert.equal(scheduleShipment(decision.state, paymentCapturedWithoutAddress, 'ship-1').kind, 'unchanged');
  });

  it('a cancellation reaching shipping first opens a CANCELLED record that stays cancelled, never scheduled', () => {
    const decision = cancelShipment(undefined, cancellation);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.status, 'CANCELLED');
    assert.deepEqual(decision.emit, [
      { type: 'shipment.cancelled', data: { orderId, wasScheduled: false, reason: 'customer_cancelled' } },
    ]);
    assert.equal(scheduleShipment(decision.state, paymentCaptured, 'ship-1').kind, 'unchanged', 'refused, not retried');
    assert.equal(scheduleShipment(decision.state, paymentCapturedWithoutAddress, 'ship-1').kind, 'unchanged', 'refused, not retried');
  });

  it('a cancellation after a failure starts no second relay', () => {
    const failed = scheduleShipment(undefined, capturedTo('AQ'), 'ship-1');
    assert.ok(failed.kind === 'changed');
    assert.equal(cancelShipment(failed.state, cancellation).kind, 'unchanged');
  });
});
