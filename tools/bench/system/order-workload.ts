import type { PlacedOrder } from '@troupe/order-testing';
import { jsonPoster } from './json-poster';
import type { EventTap } from './event-tap';
import { groupHops, hopSamples, sinceCreated, type HopSample } from './hop-latency';
import type { Mix } from './options';
import { benchOrder } from './order-mix';
import { summarize, type LatencySummary } from './percentiles';
import type { PhaseResult, Workload } from './phase';

/**
 * POST /orders, then wait for the saga's terminal event at the tap: latency is what a client would wait. With several
 * order-service instances the orders go to each in turn, as a load balancer would send them.
 */
export function orderWorkload(ordersUrls: readonly string[], tap: EventTap, mix: Mix): Workload {
  if (ordersUrls.length === 0) throw new Error('orderWorkload needs at least one order-service URL');
  const clients = ordersUrls.map((url) => jsonPoster(url));
  return async (index, startedAt) => {
    const client = clients[index % clients.length]!;
    const { body } = benchOrder(index, mix);
    const sent = performance.now();
    const answer = await client.post('/orders', body);
    const postMs = performance.now() - sent;
    if (answer.status !== 202) throw new Error(`POST /orders: expected HTTP 202, got ${answer.status} ${answer.text.slice(0, 500)}`);
    const { orderId } = answer.body as PlacedOrder;
    const terminal = await tap.next(orderId, 'terminal');
    return { id: orderId, startedAt, endedAt: terminal.arrivedAt, outcome: terminal.type.replace(/^order\./, ''), postMs };
  };
}

export interface SagaDetails {
  /** Start (POST sent, or scheduled) → customer.notified at the tap. */
  toNotified: LatencySummary;
  /** "POST → order.created" (raw: "publish → order.created") first, then each consecutive pair of events. */
  hops: Record<string, LatencySummary>;
  /** Per hop, the part after the event's producer created it (see HopSample.sinceCreatedMs). */
  hopsSinceCreated: Record<string, LatencySummary>;
}

/** Waits (bounded) for each completed saga's notification, then reads its steps from the tap. */
export async function sagaDetails(phase: PhaseResult, tap: EventTap, waitMs: number, start = 'POST'): Promise<SagaDetails> {
  const notified = Promise.all(phase.timings.map((timing) => tap.next(timing.id, 'notified')));
  await Promise.race([notified, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  const toNotified: number[] = [];
  const samples: HopSample[] = [];
  for (const timing of phase.timings) {
    const events = tap.events(timing.id);
    const created = events.find((event) => event.type === 'order.created');
    if (created) samples.push({ hop: `${start} → order.created`, ms: created.arrivedAt - timing.startedAt, ...sinceCreated(created) });
    samples.push(...hopSamples(events));
    const notice = events.find((event) => event.type === 'customer.notified');
    if (notice) toNotified.push(notice.arrivedAt - timing.startedAt);
  }
  const hops: Record<string, LatencySummary> = {};
  for (const [hop, values] of groupHops(samples)) hops[hop] = summarize(values);
  const hopsSinceCreated: Record<string, LatencySummary> = {};
  for (const [hop, values] of groupHops(samples, 'sinceCreatedMs')) hopsSinceCreated[hop] = summarize(values);
  return { toNotified: summarize(toNotified), hops, hopsSinceCreated };
}
