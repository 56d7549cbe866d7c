import assert from 'node:assert/strict';
import { createEvent, validateEvent } from '@troupe/order-catalogue';
import { exampleEvents } from '@troupe/order-catalogue/testing';
import { projectedEventsOf, sagaEvents, sagaOutcomes } from '../testing/saga-events';
import { projectedEventTypes, type OrderView, type ProjectedEvent } from './order-view';
import { project } from './project';

const orderId = '3f1c2a9e-8b7d-4c61-9a1e-5d2b7c4e9f10';
const foldAll = (events: readonly ProjectedEvent[], from?: OrderView) => events.reduce<OrderView | undefined>(project, from);
const eventsOf = (outcome: Parameters<typeof sagaEvents>[0]) => projectedEventsOf(sagaEvents(outcome, { orderId }));
const byType = (events: readonly ProjectedEvent[], type: ProjectedEvent['type']) => events.find((event) => event.type === type)!;

describe('project (order view)', () => {
  it('builds its fixtures from valid events', () => {
    for (const outcome of sagaOutcomes) {
      for (const event of sagaEvents(outcome, { orderId })) assert.deepEqual(validateEvent(event).ok, true, `${outcome} ${event.type}`);
    }
  });

  it('projects every catalogued example of each consumed event into a row for its order', () => {
    for (const type of projectedEventTypes) {
      for (const event of exampleEvents(type, { source: 'contract-example' })) {
        const view = project(undefined, event as ProjectedEvent);
        assert.equal(view.orderId, event.data.orderId, type);
        assert.equal(view.timeline.length, 1, type);
      }
    }
  });

  it('order.created opens a PENDING view with customer, decimal prices and total, version 1', () => {
    const created = byType(eventsOf('happy'), 'order.created');
    const view = project(undefined, created);
    assert.deepEqual(view, {
      orderId,
      status: 'PENDING',
      statusVersion: 0,
      customerId: 'cust-1',
      items: [
        { sku: 'SKU-001', quantity: 2, unitPrice: 19.99 },
        { sku: 'SKU-002', quantity: 1, unitPrice: 5 },
      ],
      total: 44.98,
      version: 1,
      notified: false,
      timeline: [{ service: 'order-service', event: 'order.created', at: created.time, eventId: created.id }],
      createdAt: created.time,
    });
  });

  const outcomes = [
    ['happy', 'CONFIRMED', undefined, 2],
    ['stock-failure', 'REJECTED', 'insufficient_stock', 2],
    ['payment-declined', 'CANCELLED', 'payment_declined', 3],
    ['shipping-failed', 'CANCELLED', 'shipping_failed', 3],
    ['customer-cancel', 'CANCELLED', 'customer_cancelled', 3],
    ['timeout', 'CANCELLED', 'timed_out', 3],
  ] as const;
  for (const [outcome, status, reason, version] of outcomes) {
    it(`${outcome}: ends ${status}${reason ? ` (${reason})` : ''} at version ${version}, notified, with every step in time order`, () => {
      const events = eventsOf(outcome);
      const view = foldAll(events)!;
      assert.equal(view.status, status);
      assert.equal(view.reason, reason);
      assert.equal(view.version, version);
      assert.equal(view.notified, true);
      assert.deepEqual(
        view.timeline.map((step) => [step.service, step.event]),
        events.map((event) => [event.source, event.type]),
      );
      assert.deepEqual(view.timeline.map((step) => step.at), [...view.timeline.map((step) => step.at)].sort());
    });
  }

  it('returns the very same view for an event already applied (duplicate delivery)', () => {
    const events = eventsOf('happy');
    const [created, confirmed] = [byType(events, 'order.created'), byType(events, 'order.confirmed')];
    const view = foldAll([created, confirmed])!;
    assert.equal(project(view, created), view);
    assert.equal(project(view, confirmed), view);
  });

  it('a terminal event before order.created makes a partial row that order.created completes', () => {
    const events = eventsOf('payment-declined');
    const cancelled = byType(events, 'order.cancelled');
    const partial = project(undefined, cancelled);
    assert.equal(partial.status, 'CANCELLED');
    assert.equal(partial.reason, 'payment_declined');
    assert.equal(partial.customerId, 'cust-1');
    assert.equal(partial.total, 44.98);
    assert.deepEqual(partial.items, []);
    assert.equal(partial.createdAt, null);
    const completed = project(partial, byType(events, 'order.created'));
    assert.equal(completed.status, 'CANCELLED', 'the late order.created does not reopen the order');
    assert.equal(completed.version, 3);
    assert.equal(completed.items.length, 2);
    assert.equal(completed.createdAt, byType(events, 'order.created').time);
    assert.deepEqual(completed.timeline.map((step) => step.event), ['order.created', 'order.cancelled']);
  });

  it('order.rejected (which carries no total) leaves the total unknown until order.created', () => {
    const rejected = byType(eventsOf('stock-failure'), 'order.rejected');
    const view = project(undefined, rejected);
    assert.equal(view.total, null);
    assert.equal(view.status, 'REJECTED');
  });

  it('customer.notified marks the view notified and tells the outcome until order-service says more', () => {
    const events = eventsOf('stock-failure');
    const notifiedFirst = project(undefined, byType(events, 'customer.notified'));
    assert.equal(notifiedFirst.notified, true);
    assert.equal(notifiedFirst.status, 'REJECTED');
    assert.equal(notifiedFirst.reason, undefined);
    assert.equal(notifiedFirst.version, 0, 'a notification carries no order version');
    const withRejection = project(notifiedFirst, byType(events, 'order.rejected'));
    assert.equal(withRejection.reason, 'insufficient_stock');
    assert.equal(withRejection.version, 2);
  });

  it('the highest orderVersion decides between contradictory terminal events, whatever their order', () => {
    const confirmed = createEvent('order.confirmed', { orderId, customerId: 'c', totalCents: 100, orderVersion: 2 }, { source: 'order-service' });
    const cancelled = createEvent('order.cancelled', { orderId, customerId: 'c', totalCents: 100, reason: 'timed_out', orderVersion: 3 }, { source: 'order-service' });
    for (const events of [[confirmed, cancelled], [cancelled, confirmed]]) {
      const view = foldAll(events)!;
      assert.equal(view.status, 'CANCELLED');
      assert.equal(view.reason, 'timed_out');
      assert.equal(view.version, 3);
    }
  });

  it('confirmed: the timeline lists the four services\' steps in causal order', () => {
    const view = foldAll(eventsOf('happy'))!;
    assert.deepEqual(
      view.timeline.map((step) => `${step.service} ${step.event}`),
      [
        'order-service order.created',
        'inventory-service stock.reserved',
        'payment-service payment.captured',
        'shipping-service shipment.scheduled',
        'order-service order.confirmed',
        'notification-service customer.notified',
      ],
    );
  });

  it('shipping failed: the timeline shows the compensation relay, payment.refunded before stock.released', () => {
    const events = eventsOf('shipping-failed');
    // Delivered newest first: the order comes from the events' times, not from arrival.
    const steps = foldAll([...events].reverse())!.timeline.map((step) => step.event);
    assert.deepEqual(steps, ['order.created', 'stock.reserved', 'payment.captured', 'shipment.failed', 'payment.refunded', 'stock.released', 'order.cancelled', 'customer.notified']);
    assert.ok(steps.indexOf('payment.refunded') < steps.indexOf('stock.released'));
  });

  it('participant events add their step only: status and version stay order-service\'s', () => {
    const events = eventsOf('shipping-failed');
    const created = project(undefined, byType(events, 'order.created'));
    for (const type of ['stock.reserved', 'payment.captured', 'shipment.failed', 'payment.refunded', 'stock.released'] as const) {
      const view = project(created, byType(events, type));
      assert.deepEqual({ ...view, timeline: [] }, { ...created, timeline: [] }, type);
      assert.equal(view.timeline.length, 2, type);
      assert.deepEqual(view.timeline[1], { service: byType(events, type).source, event: type, at: byType(events, type).time, eventId: byType(events, type).id });
    }
    const alone = project(undefined, byType(events, 'payment.refunded'));
    assert.equal(alone.status, 'PENDING');
    assert.equal(alone.version, 0);
  });

  it('order.cancellation-requested raises the version (read-your-cancel) but leaves the order PENDING', () => {
    const events = eventsOf('customer-cancel');
    const requested = foldAll([byType(events, 'order.created'), byType(events, 'stock.reserved'), byType(events, 'order.cancellation-requested')])!;
    assert.equal(requested.version, 2);
    assert.equal(requested.status, 'PENDING');
    assert.equal(requested.reason, undefined);
    const alone = project(undefined, byType(events, 'order.cancellation-requested'));
    assert.equal(alone.version, 2, 'even before order.created arrives');
    assert.equal(foldAll(events)!.version, 3, 'order.cancelled still moves it on');
  });

  it('orders steps with the same time by event id', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const created = sagaEvents('happy', { orderId, startAt: at, stepsMs: [0, 0, 0, 0, 0, 0] });
    const view = foldAll(projectedEventsOf(created).reverse())!;
    const ids = view.timeline.map((step) => step.eventId!);
    assert.deepEqual(ids, [...ids].sort());
  });
});
