import type { EventOf } from '@troupe/contracts';

export type OrderViewStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

/**
 * What order-view consumes (its manifest): every event of the order saga, each one a step of the timeline.
 * Listed rather than taken from the catalogue, so a newly catalogued event is a decision, not an accident.
 */
export const projectedEventTypes = [
  'order.created',
  'order.cancellation-requested',
  'stock.reserved',
  'stock.reservation-failed',
  'payment.captured',
  'payment.declined',
  'shipment.scheduled',
  'shipment.failed',
  'shipment.cancelled',
  'payment.refunded',
  'stock.released',
  'order.confirmed',
  'order.rejected',
  'order.cancelled',
  'customer.notified',
] as const;
export type ProjectedEventType = (typeof projectedEventTypes)[number];
export type ProjectedEvent = { [T in ProjectedEventType]: EventOf<T> }[ProjectedEventType];

export interface OrderViewItem {
  sku: string;
  quantity: number;
  /** Decimal, as clients send it to POST /orders (19.99), not cents. */
  unitPrice: number;
}

export interface TimelineStep {
  /** The emitting service (the event's `source`). */
  service: string;
  /** The event type, e.g. `order.confirmed`. */
  event: string;
  /** The event's `time`. */
  at: string;
  /** The event id; absent for steps written by a repair that did not know it. */
  eventId?: string;
}

/**
 * The denormalized order as queries see it. A pure function of the set of events seen (plus repairs), so
 * duplicates and arrival order cannot change it.
 */
export interface OrderView {
  orderId: string;
  status: OrderViewStatus;
  /** Why it was rejected or cancelled. */
  reason?: string;
  /**
   * The orderVersion of the evidence that decided `status`: 0 while PENDING or while only `customer.notified`
   * told the outcome. A later-versioned terminal event from order-service overrides earlier evidence.
   */
  statusVersion: number;
  /** Unknown (null) until an event carrying it arrives: a terminal event may come before `order.created`. */
  customerId: string | null;
  /** Empty until `order.created` arrives. */
  items: OrderViewItem[];
  /** Decimal order total; null until an event carrying it arrives. */
  total: number | null;
  /**
   * Highest orderVersion carried by the order-service events seen (including `order.cancellation-requested`):
   * what `?minVersion=` waits for. Participant events and the notification carry none.
   */
  version: number;
  notified: boolean;
  /** Sorted by (at, eventId): the same whatever the arrival order. */
  timeline: TimelineStep[];
  /** The time of `order.created`; null until it arrives. */
  createdAt: string | null;
}
