import assert from 'node:assert/strict';
import { draftEventTypes } from '@troupe/contracts';
import { edgesOf } from '@troupe/contracts';
import { eventTypes } from '../generated/event-map.generated';
import { defineManifest, emittedBy } from '@troupe/contracts';
import { referenceManifests } from './reference-manifests';

// docs/architecture.md's catalogue table, written out independently of the manifests.
const architectureTable: Record<string, { emittedBy: string; reactedToBy: string[] }> = {
  'order.created': { emittedBy: 'order-service', reactedToBy: ['analytics-service', 'inventory-service', 'order-view'] },
  'order.cancellation-requested': { emittedBy: 'order-service', reactedToBy: ['order-view', 'shipping-service'] },
  'stock.reserved': { emittedBy: 'inventory-service', reactedToBy: ['order-view', 'payment-service'] },
  'stock.reservation-failed': { emittedBy: 'inventory-service', reactedToBy: ['order-service', 'order-view'] },
  'payment.captured': { emittedBy: 'payment-service', reactedToBy: ['order-view', 'shipping-service'] },
  'payment.declined': { emittedBy: 'payment-service', reactedToBy: ['inventory-service', 'order-service', 'order-view'] },
  'shipment.scheduled': { emittedBy: 'shipping-service', reactedToBy: ['order-service', 'order-view'] },
  'shipment.failed': { emittedBy: 'shipping-service', reactedToBy: ['order-service', 'order-view', 'payment-service'] },
  'shipment.cancelled': { emittedBy: 'shipping-service', reactedToBy: ['order-view', 'payment-service'] },
  'payment.refunded': { emittedBy: 'payment-service', reactedToBy: ['inventory-service', 'order-view'] },
  'stock.released': { emittedBy: 'inventory-service', reactedToBy: ['order-service', 'order-view'] },
  'order.confirmed': { emittedBy: 'order-service', reactedToBy: ['analytics-service', 'notification-service', 'order-view'] },
  'order.rejected': { emittedBy: 'order-service', reactedToBy: ['analytics-service', 'notification-service', 'order-view'] },
  'order.cancelled': { emittedBy: 'order-service', reactedToBy: ['analytics-service', 'notification-service', 'order-view'] },
  'customer.notified': { emittedBy: 'notification-service', reactedToBy: ['analytics-service', 'order-view'] },
};

// The table pins the seven services of the reference system; a worker added later (`@troupe/plugin:worker`) registers
// its manifest in referenceManifests too, and the saga map and contract suite check it, not this hand table.
const tabledServices = new Set(['order-service', 'inventory-service', 'payment-service', 'shipping-service', 'notification-service', 'analytics-service', 'order-view']);
const tabledManifests = referenceManifests.filter((manifest) => tabledServices.has(manifest.service));

describe('reference manifests', () => {
  it('include the seven tabled services', () => {
    assert.deepEqual(tabledManifests.map((manifest) => manifest.service).sort(), [...tabledServices].sort());
  });

  it('cover exactly the catalogued events, besides drafts (generated, named by no tabled manifest yet)', () => {
    const drafts = new Set(draftEventTypes(eventTypes, tabledManifests));
    assert.deepEqual(Object.keys(architectureTable).sort(), [...eventTypes].filter((type) => !drafts.has(type)).sort());
  });

  it('match the choreography of docs/architecture.md edge for edge', () => {
    const edges = edgesOf(tabledManifests);
    for (const [event, row] of Object.entries(architectureTable)) {
      const ofEvent = edges.filter((edge) => edge.event === event);
      assert.deepEqual([...new Set(ofEvent.map((edge) => edge.producer))], [row.emittedBy], `${event} producers`);
      assert.deepEqual(ofEvent.map((edge) => edge.consumer).sort(), row.reactedToBy, `${event} consumers`);
    }
    assert.equal(edges.length, Object.values(architectureTable).reduce((sum, row) => sum + row.reactedToBy.length, 0));
  });

  it('run the compensation relays in reverse order', () => {
    const reactionOf = (service: string, event: string) =>
      referenceManifests.find((m) => m.service === service)!.reactions.find((r) => r.on === event)!;
    assert.deepEqual(reactionOf('shipping-service', 'order.cancellation-requested').emits, ['shipment.cancelled']);
    assert.deepEqual(reactionOf('payment-service', 'shipment.cancelled').emits, ['payment.refunded']);
    assert.deepEqual(reactionOf('payment-service', 'shipment.failed').emits, ['payment.refunded']);
    assert.deepEqual(reactionOf('inventory-service', 'payment.refunded').emits, ['stock.released']);
    assert.deepEqual(reactionOf('inventory-service', 'payment.declined').emits, ['stock.released']);
    assert.deepEqual(reactionOf('order-service', 'stock.released').emits, ['order.cancelled']);
  });

  it('compensate only events that some forward reaction emits', () => {
    const forwardEmits = new Set(referenceManifests.flatMap(emittedBy));
    for (const manifest of referenceManifests) {
      for (const reaction of manifest.reactions) {
        if (reaction.kind === 'compensation') assert.ok(forwardEmits.has(reaction.undoes), `${manifest.service}: ${reaction.undoes}`);
      }
    }
  });
});

describe('defineManifest', () => {
  const base = { service: 'demo-service', description: 'demo', initiates: [], terminal: [] } as const;

  it('refuses two reactions to one event', () => {
    assert.throws(
      () => defineManifest({ ...base, reactions: [
        { on: 'order.created', kind: 'forward', emits: [], why: 'a' },
        { on: 'order.created', kind: 'forward', emits: [], why: 'b' },
      ] }),
      /two reactions to order.created/,
    );
  });

  it('refuses a terminal event the service never emits, and a bad service name', () => {
    assert.throws(() => defineManifest({ ...base, reactions: [], terminal: ['customer.notified'] }), /terminal event customer.notified is never emitted/);
    assert.throws(() => defineManifest({ ...base, service: 'Demo Service', reactions: [] }), /lower-kebab-case/);
  });

  it('returns the manifest frozen', () => {
    const manifest = defineManifest({ ...base, reactions: [{ on: 'order.created', kind: 'projection', emits: [], why: 'count' }] });
    assert.ok(Object.isFrozen(manifest));
  });
});
