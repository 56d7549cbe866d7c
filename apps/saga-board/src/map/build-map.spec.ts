import assert from 'node:assert/strict';
import { referenceManifests } from '@troupe/order-catalogue';
import { buildSagaMap } from './build-map';

describe('the saga map as the board draws it', () => {
  const map = buildSagaMap(referenceManifests);
  const node = (id: string) => map.nodes.find((candidate) => candidate.id === id)!;

  it('has a node for every event the manifests emit and one per initiation', () => {
    const emitted = new Set(referenceManifests.flatMap((m) => [...m.initiates.map((i) => i.emits), ...m.reactions.flatMap((r) => [...r.emits])]));
    assert.deepEqual(map.nodes.filter((n) => n.kind === 'event').map((n) => n.id).sort(), [...emitted].sort());
    assert.deepEqual(map.nodes.filter((n) => n.kind === 'start').map((n) => n.label), ['POST /orders', 'POST /orders/:id/cancel, or the saga deadline passing']);
  });

  it('has an edge per reaction that emits, compensations marked, and lists the reactions that emit nothing', () => {
    const reactions = referenceManifests.flatMap((m) => m.reactions.map((r) => ({ service: m.service, ...r })));
    assert.equal(map.edges.filter((e) => e.kind !== 'initiation').length, reactions.reduce((sum, r) => sum + r.emits.length, 0));
    assert.deepEqual(map.edges.filter((e) => e.kind === 'compensation').map((e) => e.id).sort(), [
      'order.cancellation-requested->shipment.cancelled',
      'payment.declined->stock.released',
      'payment.refunded->stock.released',
      'shipment.cancelled->payment.refunded',
      'shipment.failed->payment.refunded',
      'stock.released->order.cancelled',
      'stock.reservation-failed->order.rejected',
    ]);
    assert.equal(map.listeners.length, reactions.filter((r) => r.emits.length === 0).length);
    assert.ok(map.listeners.some((l) => l.service === 'order-view' && l.kind === 'projection'));
  });

  it('points every arrow down, and keeps the happy path in the first lane', () => {
    for (const edge of map.edges) assert.ok(node(edge.to).level > node(edge.from).level, edge.id);
    const happy = ['order.created', 'stock.reserved', 'payment.captured', 'shipment.scheduled', 'order.confirmed', 'customer.notified'];
    assert.deepEqual(happy.map((id) => node(id).lane), happy.map(() => 0));
    assert.ok(['payment.refunded', 'stock.released', 'order.cancelled'].every((id) => node(id).lane > 0), 'the relay runs beside it');
  });

  it('never puts two nodes on one spot, and fits them in its width and height', () => {
    const spots = new Set(map.nodes.map((n) => `${n.x},${n.y}`));
    assert.equal(spots.size, map.nodes.length);
    for (const n of map.nodes) assert.ok(n.x + map.nodeWidth <= map.width && n.y + map.nodeHeight <= map.height, n.id);
  });
});
