import assert from 'node:assert/strict';
import { bodyTotalCents } from '@troupe/order-testing';
import { planOrders, scarceLevel, scarceSkus } from './order-mix';
import { seededRandom } from './random';

describe('chaos order mix', () => {
  it('replays with the seed and covers every kind in every block of ten', () => {
    const first = planOrders(30, seededRandom(11), 'r');
    assert.deepEqual(planOrders(30, seededRandom(11), 'r'), first);
    for (let start = 0; start < 30; start += 10) {
      const kinds = new Set(first.slice(start, start + 10).map((order) => order.kind));
      assert.equal(kinds.size, 7, `block at ${start}: ${[...kinds].join(', ')}`);
    }
  });

  it('builds inputs that ask for their outcome', () => {
    for (const order of planOrders(200, seededRandom(3), 'r')) {
      const { body, kind } = order;
      const total = bodyTotalCents(body);
      const scarce = body.items.filter((item) => (scarceSkus as readonly string[]).includes(item.sku));
      assert.equal(scarce.length > 0, kind === 'stock-rejected', `${kind} touches scarce stock only when it must be rejected`);
      for (const item of scarce) assert.ok(item.quantity > scarceLevel);
      assert.equal(total > 500_000, kind === 'over-limit', `${kind} total ${total}`);
      assert.equal(body.paymentToken === 'tok_declined', kind === 'declined');
      assert.equal(body.paymentToken === 'tok_hang', kind === 'hang');
      const badAddress = ['AQ', 'KP'].includes(body.shippingAddress.country) || body.shippingAddress.postalCode === '00000';
      assert.equal(badAddress, kind === 'shipping-failed');
      assert.equal(order.cancel, kind === 'customer-cancelled');
    }
  });
});
