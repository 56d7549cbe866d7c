import type { OrderRecord } from '../sources/rows';

/**
 * A row changed within the grace window is not judged yet: the events announcing that change may still be on
 * their way to the view and analytics, and "behind by a few hundred milliseconds" is not drift.
 */
export function isSettled(order: Pick<OrderRecord, 'updatedAt'>, now: number, graceMs: number): boolean {
  const updatedAt = Date.parse(order.updatedAt);
  return Number.isFinite(updatedAt) && updatedAt <= now - graceMs;
}

/**
 * The rows of a page that may be judged now: the longest settled prefix. The page is ordered by updatedAt, so
 * once one row is inside the window the rest are too (and stopping there keeps the cursor from skipping any).
 */
export function settledPrefix<T extends Pick<OrderRecord, 'updatedAt'>>(orders: readonly T[], now: number, graceMs: number): T[] {
  const firstUnsettled = orders.findIndex((order) => !isSettled(order, now, graceMs));
  return firstUnsettled === -1 ? [...orders] : orders.slice(0, firstUnsettled);
}
