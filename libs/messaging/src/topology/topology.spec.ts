import assert from 'node:assert/strict';
import { buildTopology, retryDelayHeader, topologyNames } from './topology';

describe('topology', () => {
  const topology = buildTopology({ prefix: 't1.', service: 'payment-service', consumes: ['stock.reserved', 'shipment.failed'], retryDelaysMs: [100, 400], deliveryLimit: 5 });

  it('names everything after the prefix and the service', () => {
    const names = topologyNames('t1.', 'payment-service');
    assert.equal(names.eventsExchange, 't1.troupe.events');
    assert.equal(names.consumerQueue('stock.reserved'), 't1.payment-service.stock.reserved');
    assert.equal(names.retryExchange, 't1.payment-service.retry');
    assert.equal(names.delayQueue(400), 't1.payment-service.retry.400');
    assert.equal(names.deadLetterQueue, 't1.payment-service.dlq');
    assert.equal(topologyNames('', 'x').eventsExchange, 'troupe.events');
  });

  it('declares one durable quorum queue per consumed event, bound by its routing key, with the delivery limit dead-lettering to the DLQ', () => {
    const queue = topology.queues.find((candidate) => candidate.name === 't1.payment-service.stock.reserved')!;
    assert.equal(queue.arguments['x-queue-type'], 'quorum');
    assert.equal(queue.arguments['x-delivery-limit'], 5);
    assert.equal(queue.arguments['x-dead-letter-exchange'], 't1.payment-service.dlx');
    assert.equal(queue.arguments['x-dead-letter-strategy'], 'at-least-once');
    assert.ok(topology.bindings.some((binding) => binding.queue === queue.name && binding.exchange === 't1.troupe.events' && binding.pattern === 'stock.reserved'));
    assert.ok(topology.bindings.some((binding) => binding.queue === 't1.payment-service.dlq' && binding.exchange === 't1.payment-service.dlx'));
  });

  it("makes one delay queue per retry delay that expires back through the service's own direct exchange (not the default one)", () => {
    const delay = topology.queues.find((candidate) => candidate.name === 't1.payment-service.retry.400')!;
    assert.equal(delay.arguments['x-message-ttl'], 400);
    assert.equal(delay.arguments['x-dead-letter-exchange'], 't1.payment-service.fence');
    assert.equal(delay.arguments['x-dead-letter-routing-key'], undefined, 'the original routing key (the failed queue) must survive');
    const binding = topology.bindings.find((candidate) => candidate.queue === delay.name)!;
    assert.equal(binding.exchange, 't1.payment-service.retry');
    assert.deepEqual(binding.arguments, { 'x-match': 'all', [retryDelayHeader]: '400' });
    assert.ok(!retryDelayHeader.startsWith('x-'), 'headers exchanges ignore x- binding arguments');
  });

  it('has no name twice and every binding points at declared things', () => {
    const queueNames = topology.queues.map((queue) => queue.name);
    const exchangeNames = topology.exchanges.map((exchange) => exchange.name);
    assert.equal(new Set(queueNames).size, queueNames.length);
    for (const binding of topology.bindings) {
      assert.ok(queueNames.includes(binding.queue));
      assert.ok(exchangeNames.includes(binding.exchange));
    }
  });

  it('refuses wildcard routing keys, bad delays and bad service names', () => {
    assert.throws(() => buildTopology({ service: 'a', consumes: ['stock.*'] }), /invalid routing key/);
    assert.throws(() => buildTopology({ service: 'a', consumes: [], retryDelaysMs: [] }), /at least one delay/);
    assert.throws(() => buildTopology({ service: 'a', consumes: [], retryDelaysMs: [0] }), /invalid retry delay/);
    assert.throws(() => buildTopology({ service: 'A B', consumes: [] }), /invalid service name/);
  });

  it('defaults to 1 s, 5 s and 25 s retry delays', () => {
    const names = buildTopology({ service: 'a', consumes: [] }).queues.map((queue) => queue.name);
    assert.deepEqual(names.filter((name) => name.startsWith('a.retry.')), ['a.retry.1000', 'a.retry.5000', 'a.retry.25000']);
  });

  it('declares the DLQ with arguments that keep every letter on RabbitMQ 3.10 through 4.x', () => {
    const topology = buildTopology({ prefix: 't1.', service: 'payment-service', consumes: ['stock.reserved'] });
    const dlq = topology.queues.find((queue) => queue.name === 't1.payment-service.dlq');
    assert.deepEqual(dlq?.arguments, { 'x-queue-type': 'quorum', 'x-delivery-limit': 2_147_483_647, 'x-overflow': 'reject-publish' });
  });

  it('routes fences through the service\'s own direct exchange to each consumer queue, never the default exchange', () => {
    const topology = buildTopology({ prefix: 't1.', service: 'payment-service', consumes: ['stock.reserved', 'shipment.failed'] });
    assert.deepEqual(topology.exchanges.find((exchange) => exchange.name === 't1.payment-service.fence'), { name: 't1.payment-service.fence', type: 'direct' });
    const fenceBindings = topology.bindings.filter((binding) => binding.exchange === 't1.payment-service.fence');
    assert.deepEqual(fenceBindings.map((binding) => [binding.queue, binding.pattern]), [
      ['t1.payment-service.stock.reserved', 't1.payment-service.stock.reserved'],
      ['t1.payment-service.shipment.failed', 't1.payment-service.shipment.failed'],
    ]);
    const producerOnly = buildTopology({ prefix: 't1.', service: 'order-api', consumes: [] });
    assert.equal(producerOnly.exchanges.some((exchange) => exchange.name.endsWith('.fence')), false, 'nothing to fence');
  });
});
