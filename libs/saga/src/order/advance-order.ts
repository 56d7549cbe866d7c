import type { Order, TimelineStepName } from './order';

/** Every state change goes through here so the version and timeline can never be forgotten. */
export function advanceOrder(order: Order, patch: Partial<Order>, step: TimelineStepName, at: string): Order {
  const version = order.version + 1;
  return { ...order, ...patch, version, timeline: [...order.timeline, { step, at, version }] };
}
