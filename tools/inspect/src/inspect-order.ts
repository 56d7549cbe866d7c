import type { ServiceManifest } from '@troupe/contracts';
import { compareTimeline, type Comparison } from './compare-timeline';
import type { Hop } from './hop';
import { fetchJaeger, hopsFromJaeger } from './jaeger-source';
import { fetchOrderView, hopsFromOrderView, type OrderViewAnswer } from './order-view-source';
import type { ReportHeader } from './render-report';
import { visibleEvents } from './visibility';

export interface InspectOptions {
  viewUrl: string;
  /** Unset: order-view's timeline alone. */
  jaegerUrl?: string;
  manifests: readonly ServiceManifest[];
}

/** Traces are more precise than the view's timeline; the view only fills in emissions the traces lack. */
export function mergeHops(fromTraces: readonly Hop[], fromView: readonly Hop[]): Hop[] {
  const traced = (hop: Hop) => fromTraces.some((t) => t.action === 'emitted' && t.event === hop.event && t.service === hop.service);
  return [...fromTraces, ...fromView.filter((hop) => !traced(hop))];
}

/** Reads every configured source for one order and compares what they saw with the map. */
export async function inspectOrder(orderId: string, options: InspectOptions): Promise<{ header: ReportHeader; view: OrderViewAnswer; comparison: Comparison }> {
  const view = await fetchOrderView(options.viewUrl, orderId);
  const fromView = hopsFromOrderView(view);
  const fromTraces = options.jaegerUrl ? hopsFromJaeger(await fetchJaeger(options.jaegerUrl, orderId), orderId) : [];
  const hops = mergeHops(fromTraces, fromView);
  const comparison = compareTimeline({
    manifests: options.manifests,
    status: view.status,
    ...(view.reason !== undefined ? { reason: view.reason } : {}),
    hops,
    // Traces that hold nothing for this order (not sampled, expired, tracing off) prove no step absent.
    isVisible: visibleEvents(options.manifests, fromTraces.length > 0, hops.map((hop) => hop.event)),
  });
  const sources = !options.jaegerUrl ? ['order-view'] : fromTraces.length > 0 ? ['order-view', 'jaeger'] : ['order-view', 'jaeger (no spans for this order)'];
  return { header: { orderId, status: view.status, ...(view.reason !== undefined ? { reason: view.reason } : {}), sources }, view, comparison };
}
