import assert from 'node:assert/strict';
import { draftEventTypes } from '@troupe/contracts';
import { defineManifest } from '@troupe/contracts';

describe('draft events', () => {
  it('stop being drafts once a manifest emits, consumes or ends a flow with them', () => {
    const emitter = defineManifest({ service: 'a', description: 'emits', initiates: [{ emits: 'order.created', trigger: 'POST' }], reactions: [], terminal: [] });
    const consumer = defineManifest({ service: 'b', description: 'consumes', initiates: [], reactions: [{ on: 'stock.reserved', kind: 'projection', emits: [], why: 'reads' }], terminal: [] });
    const types = ['order.created', 'stock.reserved', 'loyalty.points-awarded'];
    assert.deepEqual(draftEventTypes(types, []), ['loyalty.points-awarded', 'order.created', 'stock.reserved']);
    assert.deepEqual(draftEventTypes(types, [emitter, consumer]), ['loyalty.points-awarded']);
  });
});
