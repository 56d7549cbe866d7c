import assert from 'node:assert/strict';
import { referenceManifests } from '@troupe/order-catalogue';
import { compareTimeline, type Comparison } from './compare-timeline';
import { fixtureOrderId, jaegerFixture, orderViewFixture, type FixtureName } from './fixtures';
import { mergeHops } from './inspect-order';
import { hopsFromJaeger } from './jaeger-source';
import { hopsFromOrderView } from './order-view-source';
import { renderReport } from './render-report';
import { visibleEvents } from './visibility';

function compare(name: FixtureName, withTraces: boolean): Comparison {
  const view = orderViewFixture(name);
  const hops = mergeHops(withTraces ? hopsFromJaeger(jaegerFixture(name), fixtureOrderId) : [], hopsFromOrderView(view));
  return compareTimeline({
    manifests: referenceManifests,
    status: view.status,
    ...(view.reason ? { reason: view.reason } : {}),
    hops,
    isVisible: visibleEvents(referenceManifests, withTraces, hops.map((hop) => hop.event)),
  });
}

const happyPath = ['order.created', 'stock.reserved', 'payment.captured', 'shipment.scheduled', 'order.confirmed', 'customer.notified'];
const shippingFailurePath = ['order.created', 'stock.reserved', 'payment.captured', 'shipment.failed', 'payment.refunded', 'stock.released', 'order.cancelled', 'customer.notified'];

describe('inspect: comparing a saga with the map', () => {
  it('a happy saga with traces follows the map hop by hop', () => {
    const comparison = compare('happy', true);
    assert.deepEqual(comparison.path, happyPath);
    assert.deepEqual(comparison.missing, []);
    assert.equal(comparison.unexpected, 0);
    assert.deepEqual(comparison.rows.filter((row) => row.hop.action === 'emitted').map((row) => row.hop.event), happyPath);
    assert.ok(comparison.rows.every((row) => row.outcome === 'ok'));
    assert.equal(comparison.rows.length, 11, 'the POST /orders span is not a messaging hop');
  });

  it('a happy saga seen by order-view alone: it consumes every event, so every step is observed', () => {
    const comparison = compare('happy', false);
    assert.deepEqual(comparison.path, happyPath);
    assert.deepEqual(comparison.missing, []);
    assert.deepEqual(comparison.unobserved, []);
  });

  it('a read side that consumes only the outcome events leaves the middle steps unobserved, not missing', () => {
    const outcomeEvents = new Set(['order.created', 'order.confirmed', 'customer.notified']);
    const manifests = referenceManifests.map((m) => (m.service === 'order-view' ? { ...m, reactions: m.reactions.filter((r) => outcomeEvents.has(r.on)) } : m));
    const hops = hopsFromOrderView(orderViewFixture('happy')).filter((hop) => outcomeEvents.has(hop.event));
    const comparison = compareTimeline({ manifests, status: 'CONFIRMED', hops, isVisible: visibleEvents(manifests, false, hops.map((hop) => hop.event)) });
    assert.deepEqual(comparison.missing, []);
    assert.deepEqual(comparison.unobserved.map((step) => step.event), ['stock.reserved', 'payment.captured', 'shipment.scheduled']);
  });

  it('a compensated saga: the skipped refund is missing, the late shipment unexpected, the failed span an error', () => {
    const comparison = compare('compensated', true);
    assert.deepEqual(comparison.path, shippingFailurePath);
    assert.deepEqual(comparison.missing, [{ event: 'payment.refunded', producers: ['payment-service'] }]);
    const flagged = comparison.rows.filter((row) => row.outcome !== 'ok').map((row) => `${row.outcome} ${row.hop.service} ${row.hop.action} ${row.hop.event}: ${row.note}`);
    assert.deepEqual(flagged, [
      'error shipping-service processed payment.captured: carrier timeout',
      "unexpected shipping-service emitted shipment.scheduled: not on the map's path to CANCELLED",
    ]);
    assert.equal(comparison.unexpected, 1);
  });

  it('order-view alone picks the shipping-failure path and, seeing every step, catches the skipped refund', () => {
    const comparison = compare('compensated', false);
    assert.deepEqual(comparison.path, shippingFailurePath);
    assert.deepEqual(comparison.missing, [{ event: 'payment.refunded', producers: ['payment-service'] }]);
    assert.equal(comparison.unexpected, 1, 'the late shipment.scheduled');
  });

  it('flags an event emitted by a service the map does not have emit it, and a second emission', () => {
    const view = orderViewFixture('happy');
    view.timeline.push({ service: 'payment-service', event: 'order.confirmed', at: '2026-11-30T09:00:00.070Z' });
    view.timeline.push({ service: 'notification-service', event: 'customer.notified', at: '2026-11-30T09:00:00.090Z' });
    const hops = hopsFromOrderView(view);
    const comparison = compareTimeline({ manifests: referenceManifests, status: 'CONFIRMED', hops, isVisible: visibleEvents(referenceManifests, false, []) });
    assert.deepEqual(comparison.rows.filter((row) => row.outcome === 'unexpected').map((row) => `${row.hop.service} ${row.hop.event}: ${row.note}`), [
      'payment-service order.confirmed: the map has order-service emit it',
      'notification-service customer.notified: emitted again',
    ]);
  });

  it('a running saga requires only the steps up to the furthest one reached', () => {
    const hops = hopsFromJaeger(jaegerFixture('happy'), fixtureOrderId).filter((hop) => hop.at <= Date.parse('2026-11-30T09:00:00.040Z'));
    const comparison = compareTimeline({ manifests: referenceManifests, status: 'PENDING', hops, isVisible: () => true });
    assert.deepEqual(comparison.path, ['order.created', 'stock.reserved', 'payment.captured']);
    assert.deepEqual(comparison.missing, []);
  });

  it('renders the hop-by-hop timeline with times since the previous hop, missing steps and the verdict', () => {
    const report = renderReport({ orderId: fixtureOrderId, status: 'CANCELLED', reason: 'shipping_failed', sources: ['order-view', 'jaeger'] }, compare('compensated', true));
    assert.match(report, /^order 6f1c2a4e-0b7d-4c55-9a3e-2d8f1b0c9e11: CANCELLED \(shipping_failed\) {2}\[sources: order-view, jaeger\]$/m);
    assert.match(report, /^3 +2026-11-30T09:00:00\.012Z +\+8ms +inventory-service +emitted stock\.reserved +ok$/m);
    assert.match(report, /^MISSING: payment\.refunded \(emitted by payment-service\)/m);
    assert.match(report, /verdict: departs from the map: 1 missing, 1 unexpected$/);
  });
});
