import assert from 'node:assert/strict';
import { assertInvariants, orderBody } from '@troupe/order-testing';
import { expectNoMoneyKept, expectNotScheduled, expectOneNotification, expectStockRestored, stockLevels, viewWhenStatus } from './order-expectations';
import { useOrderSystem } from './use-order-system';

// A payment provider that never answers (tok_hang) must not hold stock forever: the saga deadline ends it.
describe('order saga: deadline', function () {
  this.timeout(90_000);
  const system = useOrderSystem({ sagaDeadlineMs: 3_000, deadlineSweepIntervalMs: 250 });

  it('times out a stalled payment: CANCELLED timed_out, stock back, nothing captured, one notice', async () => {
    const sys = system();
    const before = await stockLevels(sys, ['SKU-020']);
    const placed = await sys.orders.placeAccepted(orderBody({ paymentToken: 'tok_hang', items: [{ sku: 'SKU-020', quantity: 6, unitPrice: 4.25 }] }));
    const order = await sys.waitForTerminal(placed.orderId);
    assert.deepEqual({ status: order.status, reason: order.reason }, { status: 'CANCELLED', reason: 'timed_out' });
    assert.ok(Date.parse(order.updatedAt) >= Date.parse(order.deadline), `cancelled at ${order.updatedAt}, not before its deadline ${order.deadline}`);
    await expectStockRestored(sys, before);
    const money = await expectNoMoneyKept(sys, placed.orderId);
    assert.equal(money.captured, 0);
    await expectNotScheduled(sys, placed.orderId);
    await expectOneNotification(sys, placed.orderId, 'CANCELLED');
    assert.equal((await viewWhenStatus(sys, placed.orderId, 'CANCELLED')).reason, 'timed_out');
  });

  it('leaves every invariant holding', async () => {
    await assertInvariants(system(), { timeoutMs: 60_000 });
  });
});
