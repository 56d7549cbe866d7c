import type { TappedEvent } from './event-tap';

export interface HopSample {
  /** "order.created → stock.reserved" */
  hop: string;
  /** Arrival of this event at the tap minus arrival of the previous one of the same saga. */
  ms: number;
  /**
   * Of `ms`, the part after the producer created this event: its commit, the flush, the publish and the broker's
   * routing to the tap. The rest (`ms` minus this) is the delivery to the producer and its handler up to the event's
   * creation. Absent when the event carries no usable time.
   */
  sinceCreatedMs?: number;
}

/**
 * The saga's steps as consecutive pairs in arrival order. A type seen twice (a redelivery, a republished
 * outbox row) counts once, at its first arrival, so duplicates never shorten a hop.
 */
export function hopSamples(events: readonly TappedEvent[]): HopSample[] {
  const seen = new Set<string>();
  const firsts = [...events]
    .sort((a, b) => a.arrivedAt - b.arrivedAt)
    .filter((event) => (seen.has(event.type) ? false : (seen.add(event.type), true)));
  return firsts.slice(1).map((event, index) => ({
    hop: `${firsts[index]!.type} → ${event.type}`,
    ms: event.arrivedAt - firsts[index]!.arrivedAt,
    ...sinceCreated(event),
  }));
}

/** The created → tap part of a hop ending in `event`; clamped at 0, since `time` is only millisecond-precise. */
export function sinceCreated(event: TappedEvent): { sinceCreatedMs?: number } {
  return Number.isFinite(event.createdAt) ? { sinceCreatedMs: Math.max(0, event.arrivedAt - event.createdAt) } : {};
}

/** Samples grouped by hop, hops in the order first met (so the happy path reads top to bottom). */
export function groupHops(samples: readonly HopSample[], field: 'ms' | 'sinceCreatedMs' = 'ms'): Map<string, number[]> {
  const grouped = new Map<string, number[]>();
  for (const sample of samples) {
    const value = sample[field];
    if (value === undefined) continue;
    const list = grouped.get(sample.hop) ?? [];
    list.push(value);
    grouped.set(sample.hop, list);
  }
  return grouped;
}
