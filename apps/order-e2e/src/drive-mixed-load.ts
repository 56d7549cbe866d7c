import assert from 'node:assert/strict';
import { assertInvariants, expectStatus, mapWithConcurrency, type OrderSystem } from '@troupe/order-testing';
import { mixedOrders, scarceLevel, scarceSkus } from './mixed-orders';
import { seededRandom } from '@troupe/testing';

/**
 * Places `count` mixed orders (every path, some cancelled) with bounded concurrency, waits until the system is
 * quiet, asserts every invariant (docs/product.md#invariants) and that the mix reached every outcome. Returns the order ids.
 */
export async function driveMixedLoad(sys: OrderSystem, count: number, label: string): Promise<string[]> {
  const seed = Number(process.env.E2E_SEED ?? Date.now() % 1_000_000);
  console.log(`      ${label} seed ${seed} (replay with E2E_SEED=${seed})`);
  for (const sku of scarceSkus) expectStatus(await sys.stock.set(sku, scarceLevel), [200, 204], `PUT /stock/${sku}`);
  const orders = mixedOrders(count, seededRandom(seed));

  const ids = await mapWithConcurrency(orders, 20, async ({ body, cancel }) => {
    const placed = await sys.orders.placeAccepted(body);
    if (cancel) {
      const answer = await sys.orders.cancel(placed.orderId);
      assert.ok([202, 409].includes(answer.status), `cancel answered ${answer.status} ${answer.text}`);
    }
    return placed.orderId;
  });
  assert.equal(new Set(ids).size, count);

  const snapshot = await assertInvariants(sys, {
    orderIds: ids,
    initialStock: Object.fromEntries(scarceSkus.map((sku) => [sku, scarceLevel])),
    timeoutMs: 180_000,
  });
  const statuses = new Map<string, number>();
  for (const order of snapshot.orders) statuses.set(`${order.status}/${order.reason ?? ''}`, (statuses.get(`${order.status}/${order.reason ?? ''}`) ?? 0) + 1);
  console.log(`      outcomes: ${[...statuses].map(([key, n]) => `${key}=${n}`).join(' ')}`);
  for (const outcome of ['CONFIRMED/', 'CANCELLED/payment_declined', 'CANCELLED/shipping_failed', 'CANCELLED/customer_cancelled']) {
    assert.ok((statuses.get(outcome) ?? 0) > 0, `the mix reached ${outcome}: ${JSON.stringify([...statuses])}`);
  }
  assert.ok([...statuses.keys()].some((key) => key.startsWith('REJECTED/')), 'the mix reached REJECTED');
  return ids;
}
