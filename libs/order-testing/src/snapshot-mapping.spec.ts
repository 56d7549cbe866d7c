import assert from 'node:assert/strict';
import { checkInvariants } from '@troupe/saga';
import {
  formatViolations,
  initialLevels,
  snapshotAnalytics,
  snapshotNotifications,
  snapshotOrder,
  snapshotOrderViewRow,
  snapshotPayment,
  snapshotStock,
} from './snapshot-mapping';
import type { OrderView, PaymentView } from './views';

const order: OrderView = {
  orderId: 'o-1',
  status: 'CONFIRMED',
  customerId: 'c-1',
  items: [{ sku: 'SKU-001', quantity: 3, unitPrice: 19.99 }],
  total: 59.97,
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:01.000Z',
  deadline: '2026-01-01T00:00:30.000Z',
};

const payment: PaymentView = {
  orderId: 'o-1',
  captured: 59.97,
  refunded: 0,
  status: 'CAPTURED',
  operations: [{ kind: 'capture', amount: 59.97, at: '2026-01-01T00:00:00.500Z' }],
};

describe('snapshot mapping', () => {
  it('turns decimal HTTP money into the cents the invariants compare, keeping only what they read', () => {
    assert.deepEqual(snapshotOrder(order), {
      orderId: 'o-1',
      status: 'CONFIRMED',
      totalCents: 5997,
      items: [{ sku: 'SKU-001', quantity: 3 }],
      deadline: order.deadline,
    });
    assert.deepEqual(snapshotPayment(payment), {
      orderId: 'o-1',
      captured: 5997,
      refunded: 0,
      operations: [{ kind: 'capture', amountCents: 5997 }],
    });
  });

  it('keeps a reason only when the service gave one (null counts as none)', () => {
    assert.equal(snapshotOrder({ ...order, status: 'CANCELLED', reason: 'timed_out' }).reason, 'timed_out');
    assert.equal('reason' in snapshotOrderViewRow({ ...order, reason: null as unknown as string, timeline: [] }), false);
  });

  it('reads analytics counts and revenue, missing outcomes as zero', () => {
    assert.deepEqual(snapshotAnalytics({ orders: { CONFIRMED: 2 } as never, cancelledByReason: {}, revenue: 119.94 }), {
      outcomes: { CONFIRMED: 2, REJECTED: 0, CANCELLED: 0 },
      revenueCents: 11994,
    });
  });

  it('starts every touched SKU at the seed unless told its level', () => {
    const levels = initialLevels([{ items: [{ sku: 'SKU-001', quantity: 1 }, { sku: 'SKU-002', quantity: 1 }] }], { 'SKU-002': 5 });
    assert.deepEqual([...levels], [['SKU-002', 5], ['SKU-001', 1000]]);
  });

  it('builds a snapshot the pure checker accepts for a consistent confirmed order', () => {
    const snapshot = {
      orders: [snapshotOrder(order)],
      stock: [snapshotStock({ sku: 'SKU-001', available: 997, reserved: 3 }, 1000)],
      payments: [snapshotPayment(payment)],
      shipments: [{ orderId: 'o-1', status: 'SCHEDULED' }],
      notifications: snapshotNotifications([
        { notificationId: 'n', orderId: 'o-1', outcome: 'CONFIRMED', channel: 'store', subject: 's', text: 't', sentAt: order.updatedAt },
      ]),
      orderView: [snapshotOrderViewRow({ ...order, timeline: [] })],
      analytics: snapshotAnalytics({ orders: { CONFIRMED: 1, REJECTED: 0, CANCELLED: 0 }, cancelledByReason: {}, revenue: 59.97 }),
    };
    assert.deepEqual(checkInvariants(snapshot, '2026-01-01T00:00:02.000Z'), []);
    snapshot.stock[0].available = 996;
    const violations = checkInvariants(snapshot, '2026-01-01T00:00:02.000Z');
    assert.match(formatViolations(violations), /\[invariant 2\] SKU-001: initial 1000 ≠ available 996/);
  });
});
