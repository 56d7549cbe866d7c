import { randomUUID } from 'node:crypto';
import { type AnyEvent, type EventMap, type EventOf, type EventType } from '@troupe/contracts';
import { createEvent } from '@troupe/order-catalogue';
import { projectedEventTypes, type ProjectedEvent, type ProjectedEventType } from '../view/order-view';

export type SagaOutcome = 'happy' | 'stock-failure' | 'payment-declined' | 'shipping-failed' | 'customer-cancel' | 'timeout';
export const sagaOutcomes: readonly SagaOutcome[] = ['happy', 'stock-failure', 'payment-declined', 'shipping-failed', 'customer-cancel', 'timeout'];

const sourceOf: Record<string, string> = {
  order: 'order-service',
  stock: 'inventory-service',
  payment: 'payment-service',
  shipment: 'shipping-service',
  customer: 'notification-service',
};

export interface SagaOptions {
  orderId: string;
  customerId?: string;
  /** Time of order.created. */
  startAt?: string;
  /** Milliseconds between consecutive events; 0 gives ties on time (then the event id orders them). */
  stepsMs?: readonly number[];
}

/**
 * Every event one real saga produces, in causal order, built with createEvent as the services build them
 * (sources, causation, increasing times, order-service's orderVersion counting its own state changes).
 */
export function sagaEvents(outcome: SagaOutcome, options: SagaOptions): AnyEvent[] {
  const { orderId } = options;
  const customerId = options.customerId ?? 'cust-1';
  const items = [
    { sku: 'SKU-001', quantity: 2, unitPriceCents: 1999 },
    { sku: 'SKU-002', quantity: 1, unitPriceCents: 500 },
  ];
  const totalCents = 4498;
  const stock = items.map(({ sku, quantity }) => ({ sku, quantity }));
  const events: AnyEvent[] = [];
  let clock = Date.parse(options.startAt ?? '2026-01-01T00:00:00.000Z');
  const emit = <T extends EventType>(type: T, data: EventMap[T]): void => {
    const previous = events[events.length - 1];
    const event = createEvent(type, data, { source: sourceOf[type.split('.')[0]], time: new Date(clock), ...(previous ? { causedBy: previous } : {}) });
    events.push(event as AnyEvent);
    clock += options.stepsMs?.[events.length - 1] ?? 1;
  };
  const address = { name: 'Ada Lovelace', line1: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' };
  emit('order.created', { orderId, customerId, items, totalCents, paymentToken: 'tok_visa', shippingAddress: address, deadline: '2026-01-01T00:00:30.000Z', orderVersion: 1 });
  const notify = (outcome: 'CONFIRMED' | 'REJECTED' | 'CANCELLED') =>
    emit('customer.notified', { orderId, notificationId: randomUUID(), outcome, channel: 'store' });
  const cancelAfterRelay = (reason: 'payment_declined' | 'shipping_failed' | 'customer_cancelled' | 'timed_out', orderVersion: number) => {
    emit('stock.released', { orderId, items: stock, reason });
    emit('order.cancelled', { orderId, customerId, totalCents, reason, orderVersion });
    notify('CANCELLED');
  };
  switch (outcome) {
    case 'stock-failure':
      emit('stock.reservation-failed', { orderId, reason: 'insufficient_stock', shortages: [{ sku: 'SKU-001', requested: 2, available: 1 }] });
      emit('order.rejected', { orderId, customerId, reason: 'insufficient_stock', orderVersion: 2 });
      notify('REJECTED');
      break;
    case 'happy':
      emit('stock.reserved', { orderId, items: stock });
      emit('payment.captured', { orderId, paymentId: `pay-${orderId}`, amountCents: totalCents });
      emit('shipment.scheduled', { orderId, shipmentId: `ship-${orderId}` });
      emit('order.confirmed', { orderId, customerId, totalCents, orderVersion: 2 });
      notify('CONFIRMED');
      break;
    case 'payment-declined':
      emit('stock.reserved', { orderId, items: stock });
      emit('payment.declined', { orderId, amountCents: totalCents, reason: 'card_declined' });
      cancelAfterRelay('payment_declined', 3);
      break;
    case 'shipping-failed':
      emit('stock.reserved', { orderId, items: stock });
      emit('payment.captured', { orderId, paymentId: `pay-${orderId}`, amountCents: totalCents });
      emit('shipment.failed', { orderId, reason: 'unserviceable_country' });
      emit('payment.refunded', { orderId, paymentId: `pay-${orderId}`, amountCents: totalCents, reason: 'shipping_failed' });
      cancelAfterRelay('shipping_failed', 3);
      break;
    case 'customer-cancel':
    case 'timeout': {
      const reason = outcome === 'timeout' ? 'timed_out' : 'customer_cancelled';
      emit('stock.reserved', { orderId, items: stock });
      emit('order.cancellation-requested', { orderId, reason, orderVersion: 2 });
      emit('shipment.cancelled', { orderId, wasScheduled: false, reason });
      emit('payment.refunded', { orderId, amountCents: 0, reason });
      cancelAfterRelay(reason, 3);
      break;
    }
  }
  return events;
}

/** The events of a saga that reach order-view: those its manifest consumes. */
export function projectedEventsOf(events: readonly AnyEvent[]): ProjectedEvent[] {
  return events.filter((event): event is ProjectedEvent => (projectedEventTypes as readonly string[]).includes(event.type));
}

/** The saga's one event of `type` (each saga emits every type at most once). */
export function eventOfType<T extends ProjectedEventType>(events: readonly AnyEvent[], type: T): EventOf<T> {
  const found = events.find((event) => event.type === type);
  if (!found) throw new Error(`this saga has no ${type}`);
  return found as EventOf<T>;
}
