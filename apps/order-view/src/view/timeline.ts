import type { EventEnvelope } from '@troupe/contracts';
import type { TimelineStep } from './order-view';

/**
 * True when the timeline already holds this event: by id, or, for steps a repair wrote without ids,
 * by the same event type, service and time.
 */
export function hasStepFor(timeline: readonly TimelineStep[], event: EventEnvelope): boolean {
  return timeline.some((step) =>
    step.eventId === undefined ? step.event === event.type && step.service === event.source && step.at === event.time : step.eventId === event.id,
  );
}

export function stepOf(event: EventEnvelope): TimelineStep {
  return { service: event.source, event: event.type, at: event.time, eventId: event.id };
}

/** Ordered by instant (times may carry different offsets), then event id, so every arrival order gives the same list. */
export function compareSteps(a: TimelineStep, b: TimelineStep): number {
  return Date.parse(a.at) - Date.parse(b.at) || compareText(a.at, b.at) || compareText(a.eventId ?? '', b.eventId ?? '') || compareText(a.event, b.event) || compareText(a.service, b.service);
}

export function withStep(timeline: readonly TimelineStep[], step: TimelineStep): TimelineStep[] {
  return [...timeline, step].sort(compareSteps);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
