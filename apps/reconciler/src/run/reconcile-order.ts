import { compareAnalytics, type AnalyticsDrift } from '../compare/compare-analytics';
import { compareView, type ViewDrift } from '../compare/compare-view';
import { analyticsLineFromRecord, viewRowFromRecord } from '../compare/repair-rows';
import { isTerminal, type OrderRecord } from '../sources/rows';
import type { Sources } from './sources';

export interface OrderVerdict {
  viewDrift: ViewDrift[];
  analyticsDrift: AnalyticsDrift[];
  /** PUTs the target applied (a 409 means it had already moved past this version: nothing to repair). */
  repaired: number;
  /** The order changed after its page was read; that change comes back through the feed and is judged then. */
  movedOn: boolean;
}

/**
 * Compares one settled order with the view and (when terminal) analytics, and writes the system of record's truth
 * where they differ. Writing the truth is idempotent, so two reconcilers repairing the same row is harmless.
 */
export async function reconcileOrder(order: OrderRecord, sources: Sources): Promise<OrderVerdict> {
  const [view, line] = await Promise.all([
    sources.view.get(order.orderId),
    isTerminal(order.status) ? sources.analytics.get(order.orderId) : Promise.resolve(undefined),
  ]);
  const viewDrift = compareView(order, view);
  const analyticsDrift = compareAnalytics(order, line);
  if (viewDrift.length === 0 && analyticsDrift.length === 0) return { viewDrift, analyticsDrift, repaired: 0, movedOn: false };

  // Never overwrite a target with a version the system of record has already left behind.
  const fresh = await sources.orders.get(order.orderId);
  if (fresh && fresh.version !== order.version) return { viewDrift: [], analyticsDrift: [], repaired: 0, movedOn: true };

  let repaired = 0;
  if (viewDrift.length > 0 && (await sources.view.put(viewRowFromRecord(order, view)))) repaired += 1;
  if (analyticsDrift.length > 0 && (await sources.analytics.put(order.orderId, analyticsLineFromRecord(order)))) repaired += 1;
  return { viewDrift, analyticsDrift, repaired, movedOn: false };
}
