import assert from 'node:assert/strict';
import { event } from '../events';
import { later, orderId } from '../fixtures';
import { notifyCustomer } from './notify-customer';

const confirmed = event('order.confirmed', { orderId, customerId: 'cust-1', totalCents: 4498, orderVersion: 2 });
const rejected = event('order.rejected', { orderId, customerId: 'cust-1', reason: 'insufficient_stock', orderVersion: 2 });
const cancelled = (reason: 'payment_declined' | 'shipping_failed' | 'customer_cancelled' | 'timed_out') =>
  event('order.cancelled', { orderId, customerId: 'cust-1', totalCents: 4498, reason, orderVersion: 3 });
const context = { notificationId: 'note-1', at: later, channel: 'email' as const };

describe('notifyCustomer', () => {
  it('writes one message for a confirmed order and emits customer.notified', () => {
    const decision = notifyCustomer(undefined, confirmed, context);
    assert.ok(decision.kind === 'changed');
    assert.equal(decision.state.outcome, 'CONFIRMED');
    assert.equal(decision.state.subject, `Order ${orderId} confirmed`);
    assert.match(decision.state.text, /charged 44\.98/);
    assert.deepEqual(decision.emit, [
      { type: 'customer.notified', data: { orderId, notificationId: 'note-1', outcome: 'CONFIRMED', channel: 'email' } },
    ]);
  });

  it('explains a rejection and each cancellation reason differently', () => {
    const texts = [rejected, cancelled('payment_declined'), cancelled('shipping_failed'), cancelled('customer_cancelled'), cancelled('timed_out')]
      .map((terminal) => notifyCustomer(undefined, terminal, context))
      .map((decision) => (decision.kind === 'changed' ? decision.state.text : ''));
    assert.equal(new Set(texts).size, 5);
    assert.match(texts[0], /out of stock/);
    assert.match(texts[1], /payment was declined/);
  });

  it('never sends a second message for the same order, even for another outcome', () => {
    const first = notifyCustomer(undefined, cancelled('timed_out'), context);
    assert.ok(first.kind === 'changed');
    assert.equal(first.state.reason, 'timed_out');
    for (const again of [cancelled('timed_out'), confirmed, rejected]) {
      assert.equal(notifyCustomer(first.state, again, { ...context, notificationId: 'note-2' }).kind, 'unchanged');
    }
  });
});
