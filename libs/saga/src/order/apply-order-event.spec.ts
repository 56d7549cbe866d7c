import assert from 'node:assert/strict';
import {
  aPlacedOrder,
  later,
  orderId,
  paymentDeclined,
  reservationFailed,
  shipmentFailed,
  shipmentScheduled,
  stockReleased,
} from '../fixtures';
import type { Decision } from '../decision';
import { applyOrderEvent } from './apply-order-event';
import { cancelOrder } from './cancel-order';
import type { Order } from './order';

function applied(decision: Decision<Order>): Order {
  assert.equal(decision.kind, 'changed', decision.kind === 'unchanged' ? decision.why : '');
  return decision.kind === 'changed' ? decision.state : (undefined as never);
}

describe('applyOrderEvent', () => {
  const { order } = aPlacedOrder();

  describe('forward path', () => {
    it('shipment.scheduled confirms a PENDING order and emits order.confirmed', () => {
      const decision = applyOrderEvent(order, shipmentScheduled, later);
      const confirmed = applied(decision);
      assert.equal(confirmed.status, 'CONFIRMED');
      assert.equal(confirmed.reason, undefined);
      assert.equal(confirmed.version, 2);
      assert.deepEqual(confirmed.timeline.at(-1), { step: 'confirmed', at: later, version: 2 });
      assert.deepEqual(decision.kind === 'changed' && decision.emit, [
        { type: 'order.confirmed', data: { orderId, customerId: 'cust-1', totalCents: 4498, orderVersion: 2 } },
      ]);
    });
  });

  describe('stock failed', () => {
    it('stock.reservation-failed rejects with the inventory reason and emits order.rejected', () => {
      const decision = applyOrderEvent(order, reservationFailed, later);
      const rejected = applied(decision);
      assert.equal(rejected.status, 'REJECTED');
      assert.equal(rejected.reason, 'insufficient_stock');
      assert.deepEqual(decision.kind === 'changed' && decision.emit, [
        { type: 'order.rejected', data: { orderId, customerId: 'cust-1', reason: 'insufficient_stock', orderVersion: 2 } },
      ]);
    });
  });

  describe('payment declined', () => {
    it('payment.declined starts compensating without an event, stock.released then cancels', () => {
      const declined = applyOrderEvent(order, paymentDeclined, later);
      const compensating = applied(declined);
      assert.equal(compensating.status, 'PENDING');
      assert.equal(compensating.compensating, 'payment_declined');
      assert.deepEqual(declined.kind === 'changed' && declined.emit, []);

      const released = applyOrderEvent(compensating, stockReleased('payment_declined'), later);
      const cancelled = applied(released);
      assert.equal(cancelled.status, 'CANCELLED');
      assert.equal(cancelled.reason, 'payment_declined');
      assert.equal(cancelled.compensating, undefined);
      assert.equal(cancelled.version, 3);
      assert.deepEqual(released.kind === 'changed' && released.emit, [
        {
          type: 'order.cancelled',
          data: { orderId, customerId: 'cust-1', totalCents: 4498, reason: 'payment_declined', orderVersion: 3 },
        },
      ]);
    });

    it('a stock.released overtaking payment.declined still cancels with the relayed reason', () => {
      const cancelled = applied(applyOrderEvent(order, stockReleased('payment_declined'), later));
      assert.equal(cancelled.status, 'CANCELLED');
      assert.equal(cancelled.reason, 'payment_declined');
      assert.equal(applyOrderEvent(cancelled, paymentDeclined, later).kind, 'unchanged');
    });
  });

  describe('shipping failed', () => {
    it('shipment.failed compensates with shipping_failed until stock.released', () => {
      const compensating = applied(applyOrderEvent(order, shipmentFailed, later));
      assert.equal(compensating.compensating, 'shipping_failed');
      const cancelled = applied(applyOrderEvent(compensating, stockReleased('shipping_failed'), later));
      assert.equal(cancelled.status, 'CANCELLED');
      assert.equal(cancelled.reason, 'shipping_failed');
    });
  });

  describe('while compensating', () => {
    const cancelling = applied((() => {
      const decision = cancelOrder(order, later);
      assert.equal(decision.kind, 'changed');
      return decision as Decision<Order>;
    })());

    it('a late shipment.scheduled does not confirm', () => {
      const decision = applyOrderEvent(cancelling, shipmentScheduled, later);
      assert.equal(decision.kind, 'unchanged');
    });

    it('a second compensation trigger keeps the first reason and changes nothing', () => {
      assert.equal(applyOrderEvent(cancelling, paymentDeclined, later).kind, 'unchanged');
      assert.equal(applyOrderEvent(cancelling, shipmentFailed, later).kind, 'unchanged');
    });

    it('stock.released ends it with the reason the order recorded, not the relayed one', () => {
      const cancelled = applied(applyOrderEvent(cancelling, stockReleased('shipping_failed'), later));
      assert.equal(cancelled.reason, 'customer_cancelled');
    });

    it('stock.reservation-failed racing with a cancel ends CANCELLED once, then nothing moves it', () => {
      const cancelled = applied(applyOrderEvent(cancelling, reservationFailed, later));
      assert.equal(cancelled.status, 'CANCELLED');
      assert.equal(cancelled.reason, 'customer_cancelled');
      assert.equal(applyOrderEvent(cancelled, stockReleased('customer_cancelled'), later).kind, 'unchanged');
    });
  });

  describe('terminal orders ignore late and duplicate events', () => {
    const confirmed = applied(applyOrderEvent(order, shipmentScheduled, later));
    const rejected = applied(applyOrderEvent(order, reservationFailed, later));
    const everyEvent = [
      shipmentScheduled,
      reservationFailed,
      paymentDeclined,
      shipmentFailed,
      stockReleased('payment_declined'),
    ];
    for (const terminal of [confirmed, rejected]) {
      for (const incoming of everyEvent) {
        it(`${terminal.status} + ${incoming.type} → unchanged`, () => {
          assert.equal(applyOrderEvent(terminal, incoming, later).kind, 'unchanged');
        });
      }
    }
  });
});
