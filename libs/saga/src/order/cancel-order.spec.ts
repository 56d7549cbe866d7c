import assert from 'node:assert/strict';
import { aPlacedOrder, later, orderId, paymentDeclined, reservationFailed, shipmentScheduled } from '../fixtures';
import { applyOrderEvent } from './apply-order-event';
import { cancelOrder, expireOrder, isOverdue } from './cancel-order';
import type { Order } from './order';

const afterDeadline = '2026-01-01T00:00:30.001Z';

function stateOf(decision: { kind: string; state?: Order }): Order {
  assert.equal(decision.kind, 'changed');
  return decision.state!;
}

describe('cancelOrder', () => {
  const { order } = aPlacedOrder();

  it('accepts a PENDING order: compensating customer_cancelled, emits order.cancellation-requested', () => {
    const decision = cancelOrder(order, later);
    assert.equal(decision.kind, 'changed');
    if (decision.kind !== 'changed') return;
    assert.equal(decision.state.status, 'PENDING');
    assert.equal(decision.state.compensating, 'customer_cancelled');
    assert.equal(decision.state.version, 2);
    assert.equal(decision.state.timeline.at(-1)?.step, 'cancellation-requested');
    assert.deepEqual(decision.emit, [
      { type: 'order.cancellation-requested', data: { orderId, reason: 'customer_cancelled', orderVersion: 2 } },
    ]);
  });

  it('a second cancel while compensating is accepted without a second request', () => {
    const cancelling = stateOf(cancelOrder(order, later));
    assert.equal(cancelOrder(cancelling, later).kind, 'unchanged');
  });

  it('a cancel after payment.declined started the relay is accepted without a request', () => {
    const compensating = stateOf(applyOrderEvent(order, paymentDeclined, later));
    assert.equal(cancelOrder(compensating, later).kind, 'unchanged');
  });

  it('a terminal order answers a typed conflict naming its outcome', () => {
    const confirmed = stateOf(applyOrderEvent(order, shipmentScheduled, later));
    assert.deepEqual(cancelOrder(confirmed, later), { kind: 'conflict', orderId, status: 'CONFIRMED' });
    const rejected = stateOf(applyOrderEvent(order, reservationFailed, later));
    assert.deepEqual(cancelOrder(rejected, later), {
      kind: 'conflict',
      orderId,
      status: 'REJECTED',
      reason: 'insufficient_stock',
    });
  });
});

describe('expireOrder', () => {
  const { order } = aPlacedOrder();

  it('leaves an order alone until its deadline has passed', () => {
    assert.equal(expireOrder(order, order.deadline).kind, 'unchanged');
    assert.equal(isOverdue(order, order.deadline), false);
  });

  it('requests cancellation with timed_out once past the deadline', () => {
    assert.equal(isOverdue(order, afterDeadline), true);
    const decision = expireOrder(order, afterDeadline);
    assert.equal(decision.kind, 'changed');
    if (decision.kind !== 'changed') return;
    assert.equal(decision.state.compensating, 'timed_out');
    assert.deepEqual(decision.emit, [
      { type: 'order.cancellation-requested', data: { orderId, reason: 'timed_out', orderVersion: 2 } },
    ]);
    assert.equal(isOverdue(decision.state, afterDeadline), false, 'a compensating order is no longer overdue');
  });

  it('waits while events emitted before the deadline may still be unapplied, however late the clock is', () => {
    const muchLater = '2026-01-01T00:05:00.000Z';
    const stillQueued = expireOrder(order, muchLater, order.deadline);
    assert.equal(stillQueued.kind, 'unchanged', 'what was sent up to the deadline is not known yet');
    const judged = expireOrder(order, muchLater, afterDeadline);
    assert.equal(judged.kind, 'changed');
    if (judged.kind !== 'changed') return;
    assert.equal(judged.state.compensating, 'timed_out');
    assert.equal(judged.state.timeline.at(-1)?.at, muchLater, 'recorded when it was decided');
  });

  it('is a no-op for an order already compensating or terminal, so the sweep can run twice', () => {
    const cancelling = stateOf(cancelOrder(order, later));
    assert.equal(expireOrder(cancelling, afterDeadline).kind, 'unchanged');
    const confirmed = stateOf(applyOrderEvent(order, shipmentScheduled, later));
    assert.equal(expireOrder(confirmed, afterDeadline).kind, 'unchanged');
    assert.equal(isOverdue(confirmed, afterDeadline), false);
  });
});
