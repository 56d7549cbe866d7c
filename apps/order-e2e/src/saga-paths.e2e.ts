import assert from 'node:assert/strict';
import { assertInvariants, bodyTotalCents, expectStatus, orderBody, pollUntil, toCents, type OrderBodyOverrides, type OrderSystem } from '@troupe/order-testing';
import {
  expectAnalyticsOrder,
  expectNoMoneyKept,
  expectNotScheduled,
  expectOneNotification,
  expectStockRestored,
  stepIndex,
  stockLevels,
  viewWhenStatus,
} from './order-expectations';
import { useOrderSystem } from './use-order-system';

// Every path of the order saga (docs/product.md#business-rules) driven from outside through the real processes. Each test uses its own SKUs, so
// stock expectations are exact even though the tests share one system.
describe('order saga: every path, end to end', function () {
  this.timeout(90_000);
  const system = useOrderSystem({ sagaDeadlineMs: 30_000 });
  const placedIds: string[] = [];

  async function place(sys: OrderSystem, body: ReturnType<typeof orderBody>): Promise<string> {
    const placed = await sys.orders.placeAccepted(body);
    assert.equal(placed.status, 'PENDING');
    assert.equal(typeof placed.orderId, 'string');
    assert.equal(typeof placed.version, 'number');
    placedIds.push(placed.orderId);
    return placed.orderId;
  }

  async function expectUndone(sys: OrderSystem, orderId: string, reason: string, before: Awaited<ReturnType<typeof stockLevels>>) {
    const order = await sys.waitForTerminal(orderId);
    assert.deepEqual({ status: order.status, reason: order.reason }, { status: 'CANCELLED', reason });
    await expectStockRestored(sys, before);
    await expectNotScheduled(sys, orderId);
    await expectOneNotification(sys, orderId, 'CANCELLED');
    const view = await viewWhenStatus(sys, orderId, 'CANCELLED');
    assert.equal(view.reason, reason);
    await expectAnalyticsOrder(sys, orderId, 'CANCELLED', toCents(order.total));
    return { order, view, money: await expectNoMoneyKept(sys, orderId) };
  }

  it('confirms: stock down by the quantities, total captured, shipment scheduled, one CONFIRMED notice, view timeline', async () => {
    const sys = system();
    const body = orderBody({ items: [{ sku: 'SKU-001', quantity: 2, unitPrice: 19.99 }, { sku: 'SKU-002', quantity: 1, unitPrice: 5 }] });
    const before = await stockLevels(sys, ['SKU-001', 'SKU-002']);
    const orderId = await place(sys, body);

    const order = await sys.waitForTerminal(orderId);
    assert.equal(order.status, 'CONFIRMED');
    assert.equal(toCents(order.total), 4498);
    const after = await stockLevels(sys, ['SKU-001', 'SKU-002']);
    assert.equal(after.get('SKU-001')!.available, before.get('SKU-001')!.available - 2);
    assert.equal(after.get('SKU-002')!.available, before.get('SKU-002')!.available - 1);
    assert.equal(after.get('SKU-001')!.reserved, before.get('SKU-001')!.reserved + 2);

    const payment = expectStatus(await sys.payments.get(orderId), [200], 'GET /payments').body;
    assert.deepEqual([toCents(payment.captured), toCents(payment.refunded)], [4498, 0]);
    assert.deepEqual(payment.operations.map((operation) => [operation.kind, toCents(operation.amount)]), [['capture', 4498]]);
    assert.equal(expectStatus(await sys.shipments.get(orderId), [200], 'GET /shipments').body.status, 'SCHEDULED');
    await expectOneNotification(sys, orderId, 'CONFIRMED');

    const view = await viewWhenStatus(sys, orderId, 'CONFIRMED');
    assert.equal(toCents(view.total), 4498);
    const services = view.timeline.map((step) => step.service).join(' ');
    for (const service of [/inventory/, /payment/, /shipping/, /order-service/]) {
      assert.match(services, service, `timeline names ${service}: ${JSON.stringify(view.timeline)}`);
    }
    await expectAnalyticsOrder(sys, orderId, 'CONFIRMED', 4498);
  });

  it('rejects an order when any item lacks stock, and reserves none of its items', async () => {
    const sys = system();
    expectStatus(await sys.stock.set('SKU-003', 1), [200, 204], 'PUT /stock/SKU-003');
    const before = await stockLevels(sys, ['SKU-003', 'SKU-004']);
    assert.equal(before.get('SKU-003')!.available, 1);
    const orderId = await place(sys, orderBody({ items: [{ sku: 'SKU-004', quantity: 1, unitPrice: 3 }, { sku: 'SKU-003', quantity: 2, unitPrice: 3 }] }));

    const order = await sys.waitForTerminal(orderId);
    assert.equal(order.status, 'REJECTED');
    await expectStockRestored(sys, before);
    const money = await expectNoMoneyKept(sys, orderId);
    assert.equal(money.captured, 0);
    await expectNotScheduled(sys, orderId);
    await expectOneNotification(sys, orderId, 'REJECTED');
    await viewWhenStatus(sys, orderId, 'REJECTED');
    await expectAnalyticsOrder(sys, orderId, 'REJECTED', 900);
  });

  const declines: Array<[string, OrderBodyOverrides, string[]]> = [
    ['a declined card (tok_declined)', { paymentToken: 'tok_declined', items: [{ sku: 'SKU-005', quantity: 3, unitPrice: 10 }] }, ['SKU-005']],
    ['a total over 5,000.00', { items: [{ sku: 'SKU-006', quantity: 1, unitPrice: 5000.01 }] }, ['SKU-006']],
  ];
  for (const [name, overrides, skus] of declines) {
    it(`cancels on ${name}: payment_declined, stock released, nothing captured`, async () => {
      const sys = system();
      const before = await stockLevels(sys, skus);
      const orderId = await place(sys, orderBody(overrides));
      const { money } = await expectUndone(sys, orderId, 'payment_declined', before);
      assert.equal(money.captured, 0, 'a declined payment captures nothing');
    });
  }

  for (const [name, address, sku] of [
    ['country AQ', { country: 'AQ' }, 'SKU-007'],
    ['postal code 00000', { postalCode: '00000' }, 'SKU-008'],
  ] as const) {
    it(`cancels when shipping fails (${name}): refund strictly before release, money and stock back`, async () => {
      const sys = system();
      const before = await stockLevels(sys, [sku]);
      const body = orderBody({ items: [{ sku, quantity: 4, unitPrice: 12.5 }], shippingAddress: address });
      const orderId = await place(sys, body);
      const { order, view, money } = await expectUndone(sys, orderId, 'shipping_failed', before);
      assert.deepEqual(money, { captured: bodyTotalCents(body), refunded: bodyTotalCents(body) }, 'captured, then refunded in full');

      // The relay ends the order only when stock.released arrives, so a refund made after the release would be
      // stamped after the order's CANCELLED time.
      const payment = expectStatus(await sys.payments.get(orderId), [200], 'GET /payments').body;
      const refund = payment.operations.find((operation) => operation.kind === 'refund')!;
      assert.ok(Date.parse(refund.at) <= Date.parse(order.updatedAt), `refund at ${refund.at} ≤ order CANCELLED at ${order.updatedAt}`);
      const refunded = stepIndex(view, /payment\.refunded/);
      const released = stepIndex(view, /stock\.released/);
      if (refunded >= 0 || released >= 0) {
        assert.ok(refunded >= 0 && refunded < released, `payment.refunded comes before stock.released: ${JSON.stringify(view.timeline)}`);
      }
    });
  }

  it('cancels at the customer’s request right after POST: customer_cancelled, everything undone', async () => {
    const sys = system();
    const before = await stockLevels(sys, ['SKU-009']);
    const orderId = await place(sys, orderBody({ items: [{ sku: 'SKU-009', quantity: 5, unitPrice: 2 }] }));
    const cancel = await sys.orders.cancel(orderId);
    expectStatus(cancel, [202], `POST /orders/${orderId}/cancel`);
    assert.equal(cancel.body.orderId, orderId);
    await expectUndone(sys, orderId, 'customer_cancelled', before);
  });

  it('cancels at the customer’s request once stock is reserved and payment stalls (tok_hang): everything undone', async () => {
    const sys = system();
    const before = await stockLevels(sys, ['SKU-010']);
    const orderId = await place(sys, orderBody({ paymentToken: 'tok_hang', items: [{ sku: 'SKU-010', quantity: 7, unitPrice: 1 }] }));
    await pollUntil(
      async () => ((await stockLevels(sys, ['SKU-010'])).get('SKU-010')!.reserved >= before.get('SKU-010')!.reserved + 7 ? true : undefined),
      { timeoutMs: 20_000, what: 'SKU-010 reserved for the stalled order' },
    );
    assert.equal((await sys.orders.get(orderId)).body.status, 'PENDING', 'payment hangs, so the order waits');
    expectStatus(await sys.orders.cancel(orderId), [202], `POST /orders/${orderId}/cancel`);
    const { money } = await expectUndone(sys, orderId, 'customer_cancelled', before);
    assert.equal(money.captured, 0);
  });

  it('refuses to cancel a terminal order (409) and an unknown one (404)', async () => {
    const sys = system();
    const orderId = await place(sys, orderBody({ items: [{ sku: 'SKU-011', quantity: 1, unitPrice: 1 }] }));
    assert.equal((await sys.waitForTerminal(orderId)).status, 'CONFIRMED');
    const conflict = await sys.orders.cancel(orderId);
    assert.equal(conflict.status, 409, conflict.text);
    assert.equal((await sys.orders.get(orderId)).body.status, 'CONFIRMED', 'a refused cancel changes nothing');
    assert.equal((await sys.orders.cancel('00000000-0000-4000-8000-000000000000')).status, 404);
  });

  it('leaves the system consistent: every invariant holds', async function () {
    this.timeout(150_000);
    const snapshot = await assertInvariants(system(), { orderIds: placedIds, initialStock: { 'SKU-003': 1 } });
    assert.equal(snapshot.orders.length, placedIds.length);
  });
});
