import assert from 'node:assert/strict';
import { brokerPermissionsFor, escapeRegex, exactly, matchNothing } from './broker-permissions';
import { buildTopology, topologyNames } from './topology';

const matches = (pattern: string, name: string) => new RegExp(pattern).test(name);

describe('brokerPermissionsFor', () => {
  const payment = brokerPermissionsFor({
    prefix: 't1.',
    service: 'payment-service',
    consumes: ['stock.reserved', 'shipment.failed'],
    emits: ['payment.captured', 'payment.declined'],
  });

  it('lets a service configure, write and read every name of its own topology', () => {
    const topology = buildTopology({ prefix: 't1.', service: 'payment-service', consumes: ['stock.reserved', 'shipment.failed'], retryDelaysMs: [100, 25000] });
    const names = [...topology.queues.map((queue) => queue.name), ...topology.exchanges.map((exchange) => exchange.name)];
    assert.ok(names.includes('t1.payment-service.fence'));
    for (const name of names) {
      for (const kind of ['configure', 'write', 'read'] as const) assert.ok(matches(payment[kind], name), `${kind} ${name}`);
    }
    assert.ok(matches(payment.write, 't1.troupe.events'));
  });

  it("refuses other services' names, other prefixes, the default exchange and names outside the topology", () => {
    for (const name of [
      't1.inventory-service.order.created',
      't1.inventory-service.dlq',
      't1.payment-service2.dlq',
      't1.payment-servicex.stock.reserved',
      'payment-service.stock.reserved',
      't2.payment-service.stock.reserved',
      't1.payment-service.order.created',
      't1.payment-service.anything',
      't1.payment-service.retry.0',
      't1.payment-service.retry.1x',
      't1.troupe.archive',
      't1.troupe.eventsx',
      'xt1.troupe.events',
      'amq.default',
      '',
      'amq.topic',
    ]) {
      for (const kind of ['configure', 'write', 'read'] as const) assert.ok(!matches(payment[kind], name), `${kind} ${name}`);
    }
  });

  it('publishes only the routing keys the manifest emits, on the events exchange only', () => {
    assert.equal(payment.topic.exchange, 't1.troupe.events', 'a name, matched exactly by the broker');
    assert.ok(matches(payment.topic.write, 'payment.captured'));
    assert.ok(matches(payment.topic.write, 'payment.declined'));
    for (const key of ['payment.refunded', 'order.created', 'payment.capturedx', 'payment-captured', 'paymentXcaptured', '', '#']) {
      assert.ok(!matches(payment.topic.write, key), key);
    }
  });

  it('gives a service that emits nothing no routing key at all', () => {
    const analytics = brokerPermissionsFor({ service: 'analytics-service', consumes: ['order.created'], emits: [] });
    assert.equal(analytics.topic.write, matchNothing);
    for (const key of ['', 'order.created', '#', 'a']) assert.ok(!matches(analytics.topic.write, key), key);
    assert.ok(matches(analytics.configure, 'troupe.events'));
    assert.ok(matches(analytics.read, 'analytics-service.order.created'));
  });

  it('adds the event archive stream only for the service that declares it', () => {
    const view = brokerPermissionsFor({ service: 'order-view', consumes: ['order.created'], emits: [], archive: true });
    assert.ok(matches(view.configure, 'troupe.archive'));
    assert.ok(matches(view.read, 'troupe.archive'));
    assert.ok(!matches(payment.configure, 't1.troupe.archive'));
  });

  it('escapes metacharacters, so a prefix is matched literally', () => {
    assert.equal(escapeRegex('a.b*c'), 'a\\.b\\*c');
    const dotted = brokerPermissionsFor({ prefix: 'x.', service: 'reconciler', consumes: [], emits: [] });
    assert.ok(matches(dotted.configure, 'x.reconciler.dlq'));
    assert.ok(!matches(dotted.configure, 'xyreconciler.dlq'));
    assert.ok(!matches(dotted.configure, 'x.reconcilerydlq'));
    assert.equal(topologyNames('x.', 'reconciler').deadLetterQueue, 'x.reconciler.dlq');
    assert.equal(exactly([]), matchNothing);
    assert.equal(exactly(['b.c', 'a.b', 'a.b']), '^(?:a\\.b|b\\.c)$');
  });
});
