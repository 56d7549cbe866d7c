import type { InvariantViolation, SnapshotOrder, SnapshotPayment, SnapshotStock, SystemSnapshot } from '@troupe/saga';
import { toCents } from './money';
import type { AnalyticsSummaryView, NotificationView, OrderView, PaymentView, ReadModelOrder, StockView } from './views';

// Pure translations from the HTTP views (decimal money) into the SystemSnapshot of @troupe/saga (integer cents).

export function snapshotOrder(view: OrderView): SnapshotOrder {
  return {
    orderId: view.orderId,
    status: view.status,
    ...(view.reason === undefined || view.reason === null ? {} : { reason: view.reason }),
    totalCents: toCents(view.total),
    items: view.items.map(({ sku, quantity }) => ({ sku, quantity })),
    deadline: view.deadline,
  };
}

export function snapshotPayment(view: PaymentView): SnapshotPayment {
  return {
    orderId: view.orderId,
    captured: toCents(view.captured),
    refunded: toCents(view.refunded),
    operations: view.operations.map((operation) => ({ kind: operation.kind, amountCents: toCents(operation.amount) })),
  };
}

export function snapshotStock(view: StockView, initial: number): SnapshotStock {
  return { sku: view.sku, initial, available: view.available, reserved: view.reserved };
}

export function snapshotOrderViewRow(row: ReadModelOrder): SystemSnapshot['orderView'][number] {
  return {
    orderId: row.orderId,
    status: row.status,
    ...(row.reason === undefined || row.reason === null ? {} : { reason: row.reason }),
    totalCents: toCents(row.total),
  };
}

export function snapshotNotifications(list: readonly NotificationView[]): SystemSnapshot['notifications'] {
  return list.map(({ orderId, outcome }) => ({ orderId, outcome }));
}

export function snapshotAnalytics(summary: AnalyticsSummaryView): SystemSnapshot['analytics'] {
  const counts = summary.orders ?? {};
  return {
    outcomes: { CONFIRMED: counts.CONFIRMED ?? 0, REJECTED: counts.REJECTED ?? 0, CANCELLED: counts.CANCELLED ?? 0 },
    revenueCents: toCents(summary.revenue ?? 0),
  };
}

/** Every SKU the orders touch, each with its initial level: the given one, or the seed (1,000) otherwise. */
export function initialLevels(orders: readonly Pick<SnapshotOrder, 'items'>[], initialStock: Readonly<Record<string, number>> = {}, seed = 1_000): Map<string, number> {
  const levels = new Map<string, number>(Object.entries(initialStock));
  for (const order of orders) for (const { sku } of order.items) if (!levels.has(sku)) levels.set(sku, seed);
  return levels;
}

/** One line per violation, grouped by invariant, so a failing test names every broken rule at once. */
export function formatViolations(violations: readonly InvariantViolation[]): string {
  const sorted = [...violations].sort((a, b) => a.invariant - b.invariant);
  return sorted.map((violation) => `  [invariant ${violation.invariant}] ${violation.message}${violation.orderId && !violation.message.includes(violation.orderId) ? ` (order ${violation.orderId})` : ''}`).join('\n');
}
