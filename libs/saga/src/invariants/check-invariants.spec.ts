import assert from 'node:assert/strict';
import { checkInvariants } from './check-invariants';
import type { SystemSnapshot } from './system-snapshot';

const now = '2026-01-01T01:00:00.000Z';
const deadline = '2026-01-01T00:00:30.000Z';

/** Two orders: A confirmed (2 × SKU-1, 1000 cents), B cancelled after a refund (1 × SKU-1, 500 cents). */
function healthy(): SystemSnapshot {
  return {
    orders: [
      { orderId: 'A', status: 'CONFIRMED', totalCents: 1000, items: [{ sku: 'SKU-1', quantity: 2 }], deadline },
      { orderId: 'B', status: 'CANCELLED', reason: 'shipping_failed', totalCents: 500, items: [{ sku: 'SKU-1', quantity: 1 }], deadline },
    ],
    stock: [{ sku: 'SKU-1', initial: 10, available: 8, reserved: 2 }],
    payments: [
      { orderId: 'A', captured: 1000, refunded: 0, operations: [{ kind: 'capture', amountCents: 1000 }] },
      {
        orderId: 'B',
        captured: 500,
        refunded: 500,
        operations: [
          { kind: 'capture', amountCents: 500 },
          { kind: 'refund', amountCents: 500 },
        ],
      },
    ],
    shipments: [
      { orderId: 'A', status: 'SCHEDULED' },
      { orderId: 'B', status: 'FAILED' },
    ],
    notifications: [
      { orderId: 'A', outcome: 'CONFIRMED' },
      { orderId: 'B', outcome: 'CANCELLED' },
    ],
    orderView: [
      { orderId: 'A', status: 'CONFIRMED', totalCents: 1000 },
      { orderId: 'B', status: 'CANCELLED', reason: 'shipping_failed', totalCents: 500 },
    ],
    analytics: { outcomes: { CONFIRMED: 1, REJECTED: 0, CANCELLED: 1 }, revenueCents: 1000 },
  };
}

function broken(change: (snapshot: SystemSnapshot) => void): { invariant: number; message: string }[] {
  const snapshot = healthy();
  change(snapshot);
  return checkInvariants(snapshot, now).map(({ invariant, message }) => ({ invariant, message }));
}

describe('checkInvariants', () => {
  it('finds nothing wrong in a consistent system', () => {
    assert.deepEqual(checkInvariants(healthy(), now), []);
  });

  it('1: a PENDING order, saying when it is past its deadline', () => {
    const found = broken((s) => {
      s.orders[1].status = 'PENDING';
      s.orderView[1].status = 'PENDING';
      s.analytics.outcomes.CANCELLED = 0;
      s.notifications.pop();
    });
    assert.deepEqual(found.map((v) => v.invariant), [1, 5], 'and, consequently, no notification for B');
    assert.match(found[0].message, /B is still PENDING past its deadline/);
  });

  it('2: stock that is neither available nor held by a CONFIRMED order', () => {
    const found = broken((s) => {
      s.stock[0].available = 7;
      s.stock[0].reserved = 3;
    });
    assert.deepEqual(found.map((v) => v.invariant), [2, 2]);
    assert.match(found[0].message, /SKU-1: initial 10 ≠ available 7 \+ held by CONFIRMED orders 2/);
  });

  it('3: a CONFIRMED order not fully charged, a cancelled one keeping money, two refunds', () => {
    assert.deepEqual(broken((s) => (s.payments[0].captured = 900)).map((v) => v.invariant), [3]);
    assert.deepEqual(broken((s) => (s.payments[1].refunded = 0)).map((v) => v.invariant), [3]);
    const twice = broken((s) => {
      s.payments[1].operations.push({ kind: 'refund', amountCents: 0 });
    });
    assert.match(twice[0].message, /2 refund operations/);
    const stray = broken((s) => s.payments.push({ orderId: 'Z', captured: 100, refunded: 0, operations: [] }));
    assert.deepEqual(stray.map((v) => v.invariant), [3], 'captured money with no order');
  });

  it('4: a shipment SCHEDULED for an order that is not CONFIRMED, and a CONFIRMED one without shipment', () => {
    assert.deepEqual(broken((s) => (s.shipments[1].status = 'SCHEDULED')).map((v) => v.invariant), [4]);
    assert.deepEqual(broken((s) => (s.shipments[0].status = 'CANCELLED')).map((v) => v.invariant), [4]);
  });

  it('5: zero or two notifications, or one telling the wrong outcome', () => {
    assert.deepEqual(broken((s) => s.notifications.pop()).map((v) => v.invariant), [5]);
    assert.deepEqual(broken((s) => s.notifications.push({ orderId: 'A' })).map((v) => v.invariant), [5]);
    assert.deepEqual(broken((s) => (s.notifications[0].outcome = 'CANCELLED')).map((v) => v.invariant), [5]);
  });

  it('6: order-view or analytics disagreeing with order-service', () => {
    assert.deepEqual(broken((s) => (s.orderView[0].status = 'PENDING')).map((v) => v.invariant), [6]);
    assert.deepEqual(broken((s) => (s.orderView[1].reason = 'timed_out')).map((v) => v.invariant), [6]);
    assert.deepEqual(broken((s) => s.orderView.pop()).map((v) => v.invariant), [6]);
    assert.deepEqual(broken((s) => (s.analytics.revenueCents = 1500)).map((v) => v.invariant), [6]);
    assert.deepEqual(broken((s) => (s.analytics.outcomes.REJECTED = 1)).map((v) => v.invariant), [6]);
  });
});
