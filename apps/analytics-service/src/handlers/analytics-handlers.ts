import type { analyticsServiceManifest } from '@troupe/order-catalogue';
import type { HandlersOf } from '@troupe/worker';
import type { EventOf } from '@troupe/contracts';
import type { HandlerContext } from '@troupe/messaging';
import { applyAnalyticsEvent } from '@troupe/saga';
import { loadOrder, loadSummary, saveOrderAndSummary } from '../store/analytics-store';

type CountedType = 'order.created' | 'order.confirmed' | 'order.rejected' | 'order.cancelled' | 'customer.notified';
type CountedEvent = { [T in CountedType]: EventOf<T> }[CountedType];

/** Folds each event into the order's record and the summary in one transaction; the domain counts each fact once. */
async function count(event: CountedEvent, ctx: HandlerContext): Promise<void> {
  const { orderId } = event.data;
  const order = await loadOrder(ctx.store, orderId);
  const summary = await loadSummary(ctx.store);
  const decision = applyAnalyticsEvent(order, summary, event);
  if (decision.kind === 'unchanged') {
    ctx.logger.debug({ why: decision.why }, 'event changes nothing');
    return;
  }
  const next = decision.state;
  // The domain's summary has no per-reason split; the outcome was counted just now, so the reason is counted with it.
  const counted = event.type === 'order.cancelled' && next.order.outcome === 'CANCELLED' && !order?.outcome;
  const reason = counted ? event.data.reason : order?.reason;
  const cancelledByReason = { ...summary.cancelledByReason };
  if (counted) cancelledByReason[event.data.reason] = (cancelledByReason[event.data.reason] ?? 0) + 1;
  await saveOrderAndSummary(
    ctx.store,
    { order, summary },
    {
      order: { ...next.order, ...(reason ? { reason } : {}), _id: orderId, updatedAt: new Date().toISOString() },
      summary: { ...next.summary, cancelledByReason, _id: summary._id },
    },
  );
}

/** Exactly the reactions of libs/contracts' analytics-service manifest. */
export function analyticsHandlers(): HandlersOf<typeof analyticsServiceManifest> {
  return { 'order.created': count, 'order.confirmed': count, 'order.rejected': count, 'order.cancelled': count, 'customer.notified': count };
}
