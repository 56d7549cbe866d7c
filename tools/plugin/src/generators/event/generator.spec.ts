import assert from 'node:assert/strict';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { eventGenerator, invalidTypeReason } from './generator';

const schemasDir = 'libs/order-catalogue/src/schemas';

function workspaceWithOneEvent(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(`${schemasDir}/stock.reserved/v1.schema.json`, JSON.stringify({ $id: 'https://troupe.dev/schemas/stock.reserved/v1', title: 'StockReserved' }));
  return tree;
}

describe('@troupe/plugin:event', () => {
  it('writes a closed v1 schema with the saga id, bounded strings and two examples', () => {
    const tree = workspaceWithOneEvent();
    const callback = eventGenerator(tree, { type: 'loyalty.points-awarded', skipGenerate: true });
    const schema = JSON.parse(tree.read(`${schemasDir}/loyalty.points-awarded/v1.schema.json`, 'utf8')!);
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, 'https://troupe.dev/schemas/loyalty.points-awarded/v1');
    assert.equal(schema.title, 'LoyaltyPointsAwarded');
    assert.ok(schema.description.length > 20);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['orderId']);
    assert.deepEqual(schema.properties.orderId, { type: 'string', format: 'uuid', maxLength: 36, description: 'The order, which is also the saga id.' });
    assert.equal(schema.examples.length, 2);
    for (const example of schema.examples) assert.match(example.orderId, /^[0-9a-f-]{36}$/);
    assert.equal(typeof callback, 'function');
    callback(); // skipGenerate: runs nothing
  });

  it('keeps a given description', () => {
    const tree = workspaceWithOneEvent();
    eventGenerator(tree, { type: 'order.put-on-hold', description: 'The order waits for a manual review.', skipGenerate: true });
    assert.equal(JSON.parse(tree.read(`${schemasDir}/order.put-on-hold/v1.schema.json`, 'utf8')!).description, 'The order waits for a manual review.');
  });

  it('refuses an existing type and writes nothing', () => {
    const tree = workspaceWithOneEvent();
    const before = tree.listChanges().length;
    assert.throws(() => eventGenerator(tree, { type: 'stock.reserved', skipGenerate: true }), /stock\.reserved already exists/);
    assert.equal(tree.listChanges().length, before);
  });

  it('refuses a type whose title another type already uses', () => {
    const tree = workspaceWithOneEvent();
    eventGenerator(tree, { type: 'order.on-hold', skipGenerate: true });
    assert.throws(() => eventGenerator(tree, { type: 'order-on.hold', skipGenerate: true }), /would be titled OrderOnHold, which order\.on-hold already uses/);
  });

  it('refuses names that are not routing keys', () => {
    for (const bad of ['', 'payment', 'Payment.captured', 'payment.captured.twice', 'payment_captured.x', '1payment.captured', 'payment.-captured', 'payment.captured-', 'pay--ment.x', 'payment-.captured', `a.${'b'.repeat(63)}`]) {
      assert.ok(invalidTypeReason(bad), `${bad} should be refused`);
      assert.throws(() => eventGenerator(workspaceWithOneEvent(), { type: bad, skipGenerate: true }), /@troupe\/plugin:event/);
    }
    for (const good of ['payment.captured', 'stock.reservation-failed', 'v2.step3']) assert.equal(invalidTypeReason(good), undefined, good);
  });
});
