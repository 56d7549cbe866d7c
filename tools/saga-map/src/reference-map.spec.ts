import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { referenceManifests } from '@troupe/order-catalogue';
import { checkSagaMap } from './check-saga-map';
import { renderSagaMapDoc, sagaMapDocPath } from './render-saga-map-doc';
import { referenceSagaMapOptions } from './saga-map-options';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

describe('the reference saga map', () => {
  it('breaks no rule', () => {
    assert.deepEqual(checkSagaMap(referenceManifests, referenceSagaMapOptions), []);
  });

  it('needs its one point of no return: without it order.confirmed is an uncompensated step', () => {
    const violations = checkSagaMap(referenceManifests, { pointsOfNoReturn: {} });
    assert.deepEqual(violations.map((v) => v.rule), ['uncompensated-step']);
    assert.match(violations[0].message, /order-service's forward reaction to shipment.scheduled emits order.confirmed/);
  });

  it('is committed up to date in docs/saga-map.md (nx run saga-map:generate)', () => {
    const committed = readFileSync(path.join(workspaceRoot, sagaMapDocPath), 'utf8');
    assert.equal(committed, renderSagaMapDoc(referenceManifests, referenceSagaMapOptions));
  });

  it('draws compensations dashed, forward steps solid and projections with a circle end', () => {
    const doc = renderSagaMapDoc(referenceManifests, referenceSagaMapOptions);
    assert.match(doc, /^ {2}shipping_service -\.->\|shipment\.failed\| payment_service$/m);
    assert.match(doc, /^ {2}inventory_service -->\|stock\.reserved\| payment_service$/m);
    assert.match(doc, /^ {2}order_service --o\|order\.confirmed\| order_view$/m);
    assert.match(doc, /^\| `payment\.refunded` \| payment-service \| inventory-service \| compensation \| `stock\.reserved` \|/m);
  });
});
