import { SourceError } from './source-error';
import type { Hop } from './hop';

/** The part of order-view's `GET /orders/:id` answer that inspect reads. */
export interface OrderViewAnswer {
  orderId: string;
  status: string;
  reason?: string;
  timeline: { service: string; event: string; at: string }[];
}

function isOrderViewAnswer(value: unknown): value is OrderViewAnswer {
  const body = value as Partial<OrderViewAnswer> | null;
  return typeof body === 'object' && body !== null && typeof body.orderId === 'string' && typeof body.status === 'string'
    && Array.isArray(body.timeline)
    && body.timeline.every((step) => typeof step?.service === 'string' && typeof step.event === 'string' && typeof step.at === 'string');
}

export async function fetchOrderView(baseUrl: string, orderId: string): Promise<OrderViewAnswer> {
  const url = new URL(`orders/${encodeURIComponent(orderId)}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new SourceError(`order-view at ${baseUrl} did not answer (${(error as Error).message}); is it running? (--view-url, ORDER_VIEW_URL)`);
  }
  if (response.status === 404) throw new SourceError(`order ${orderId} is unknown to order-view at ${baseUrl}`);
  if (!response.ok) throw new SourceError(`order-view answered ${response.status} for ${url}`);
  const body: unknown = await response.json().catch(() => undefined);
  if (!isOrderViewAnswer(body)) throw new SourceError(`order-view's answer for ${orderId} is not {orderId, status, timeline:[{service, event, at}]}`);
  return body;
}

/** The view's timeline records who emitted which event, when (the envelope's `source` and `time`). */
export function hopsFromOrderView(view: OrderViewAnswer): Hop[] {
  return view.timeline.map((step) => ({ service: step.service, event: step.event, at: Date.parse(step.at), action: 'emitted', source: 'order-view' }));
}
