import assert from 'node:assert/strict';
import { checkPoison, queueRole } from './broker-accounting';
import { buildPoison } from './poison';

describe('chaos broker accounting', () => {
  it('tells consumer, retry, dead-letter and chaos queues apart', () => {
    const p = 'chaos-1.';
    assert.equal(queueRole('chaos-1.payment-service.stock.reserved', p), 'consumer');
    assert.equal(queueRole('chaos-1.payment-service.retry.5000', p), 'retry');
    assert.equal(queueRole('chaos-1.payment-service.dlq', p), 'dlq');
    assert.equal(queueRole('chaos-1.chaos.tap', p), 'chaos');
    assert.equal(queueRole('chaos-1.troupe.archive', p), 'archive');
  });

  it('expects a poison message in the DLQ of every service consuming its routing key, with its reason', () => {
    const p = 'chaos-1.';
    const poison = buildPoison('r', 0, 'schema-invalid', 'stock.reserved');
    const bindings = [
      { queue: 'chaos-1.payment-service.stock.reserved', routingKey: 'stock.reserved' },
      { queue: 'chaos-1.order-view.stock.reserved', routingKey: 'stock.reserved' },
      { queue: 'chaos-1.order-view.order.created', routingKey: 'order.created' },
      { queue: 'chaos-1.chaos.tap', routingKey: '#' },
    ];
    const letters = [
      { queue: 'chaos-1.payment-service.dlq', reason: 'invalid-data', routingKey: 'stock.reserved', type: 'stock.reserved', poisonTag: 'r:0', error: '' },
      { queue: 'chaos-1.order-view.dlq', reason: 'no-handler', routingKey: 'stock.reserved', type: 'stock.reserved', poisonTag: 'r:0', error: '' },
    ];
    const [check] = checkPoison([poison], letters, bindings, p);
    assert.deepEqual(check!.expectedIn, ['chaos-1.order-view.dlq', 'chaos-1.payment-service.dlq']);
    assert.deepEqual(check!.foundIn, ['chaos-1.payment-service.dlq']);
    assert.deepEqual(check!.wrongReason, ['chaos-1.order-view.dlq (no-handler)']);
  });
});
