import assert from 'node:assert/strict';
import { assertInvariants, expectStatus, mapWithConcurrency } from '@troupe/order-testing';
import { mixedOrders, scarceLevel, scarceSkus } from './mixed-orders';
import { seededRandom } from './seeded-random';
import { useOrderSystem } from './use-order-system';

// 200 orders over every path at once, with two competing instances of inventory and payment sharing their
// stores: whatever the interleaving, SPEC §6 must hold once the system is quiet.
describe('order system under mixed load with two inventory and two payment instances', function () {
  this.timeout(300_000);
  const system = useOrderSystem({
    sagaDeadlineMs: 8_000,
    deadlineSweepIntervalMs: 250,
    instances: { 'inventory-service': 2, 'payment-service': 2 },
  });

  it('keeps every SPEC §6 invariant over 200 mixed orders (bounded concurrency 20)', async () => {
    const sys = system();
    const seed = Number(process.env.E2E_SEED ?? Date.now() % 1_000_000);
    console.log(`      mixed-load seed ${seed} (replay with E2E_SEED=${seed})`);
    for (const sku of scarceSkus) expectStatus(await sys.stock.set(sku, scarceLevel), [200, 204], `PUT /stock/${sku}`);
    const orders = mixedOrders(200, seededRandom(seed));

    const ids = await mapWithConcurrency(orders, 20, async ({ body, cancel }) => {
      const placed = await sys.orders.placeAccepted(body);
      if (cancel) {
        const answer = await sys.orders.cancel(placed.orderId);
        assert.ok([202, 409].includes(answer.status), `cancel answered ${answer.status} ${answer.text}`);
      }
      return placed.orderId;
    });
    assert.equal(new Set(ids).size, 200);

    const snapshot = await assertInvariants(sys, {
      orderIds: ids,
      initialStock: Object.fromEntries(scarceSkus.map((sku) => [sku, scarceLevel])),
      timeoutMs: 180_000,
    });
    const statuses = new Map<string, number>();
    for (const order of snapshot.orders) statuses.set(`${order.status}/${order.reason ?? ''}`, (statuses.get(`${order.status}/${order.reason ?? ''}`) ?? 0) + 1);
    console.log(`      outcomes: ${[...statuses].map(([key, count]) => `${key}=${count}`).join(' ')}`);
    for (const outcome of ['CONFIRMED/', 'CANCELLED/payment_declined', 'CANCELLED/shipping_failed', 'CANCELLED/customer_cancelled']) {
      assert.ok((statuses.get(outcome) ?? 0) > 0, `the mix reached ${outcome}: ${JSON.stringify([...statuses])}`);
    }
    assert.ok([...statuses.keys()].some((key) => key.startsWith('REJECTED/')), 'the mix reached REJECTED');
    assert.ok(sys.exited().length === 0, 'no instance crashed under load');
  });
});
