import assert from 'node:assert/strict';
import { assertInvariants, expectStatus, mapWithConcurrency, orderBody, toCents } from '@troupe/order-testing';
import { expectStockRestored, stockLevels } from './order-expectations';
import { useOrderSystem } from './use-order-system';

// shipment.failed (country AQ) and shipment.cancelled (customer cancel) racing for the same order must still
// give exactly one refund: every participant compensates at most once.
describe('order saga: cancellation racing a shipping failure', function () {
  this.timeout(180_000);
  const system = useOrderSystem();
  const orders = 20;

  it(`refunds each of ${orders} orders exactly once and conserves money and stock`, async () => {
    const sys = system();
    const skus = ['SKU-030', 'SKU-031', 'SKU-032', 'SKU-033'];
    const before = await stockLevels(sys, skus);
    const bodies = Array.from({ length: orders }, (_, index) =>
      orderBody({ customerId: `race-${index}`, items: [{ sku: skus[index % skus.length], quantity: 1 + (index % 3), unitPrice: 9.99 }], shippingAddress: { country: 'AQ' } }),
    );
    const ids = await mapWithConcurrency(bodies, 10, async (body) => {
      const placed = await sys.orders.placeAccepted(body);
      // Right after POST: the cancellation relay and the forward path (which will fail at shipping) run together.
      const cancel = await sys.orders.cancel(placed.orderId);
      assert.ok([202, 409].includes(cancel.status), `cancel answered ${cancel.status} ${cancel.text}`);
      return placed.orderId;
    });

    const finals = await mapWithConcurrency(ids, 10, (orderId) => sys.waitForTerminal(orderId));
    for (const order of finals) {
      assert.equal(order.status, 'CANCELLED', `${order.orderId}: ${JSON.stringify(order)}`);
      assert.ok(['customer_cancelled', 'shipping_failed'].includes(order.reason!), `${order.orderId} reason ${order.reason}`);
    }
    await assertInvariants(sys, { orderIds: ids, timeoutMs: 60_000 });
    for (const orderId of ids) {
      const payment = expectStatus(await sys.payments.get(orderId), [200, 404], `GET /payments/${orderId}`);
      if (payment.status === 404) continue;
      const refunds = payment.body.operations.filter((operation) => operation.kind === 'refund');
      assert.ok(refunds.length <= 1, `${orderId} refunded ${refunds.length} times: ${payment.text}`);
      assert.equal(toCents(payment.body.captured), toCents(payment.body.refunded), `${orderId}: ${payment.text}`);
    }
    await expectStockRestored(sys, before);
  });
});
