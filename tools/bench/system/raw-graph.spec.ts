import assert from 'node:assert/strict';
import { consumedBy, intakeOf, type ServiceManifest } from '@troupe/contracts';
import { archiveNames, buildTopology, messagingDefaults, topologyNames } from '@troupe/messaging';
import { referenceManifests } from '@troupe/order-catalogue';
import { declaredNames, happyPath, rawGraphPlan } from './raw-graph';

const prefix = 'bench-raw-0badc0de.';
const readSides = new Set(['order-view', 'analytics-service']);
/** The reference manifests with the read sides on one intake or the other, whichever the catalogue has today. */
const withReadSides = (intake: 'queues' | 'archive'): ServiceManifest[] =>
  referenceManifests.map((manifest) => (readSides.has(manifest.service) ? { ...manifest, intake } : manifest));

describe('raw graph plan', () => {
  for (const intake of ['queues', 'archive'] as const) {
    describe(`read sides on ${intake}`, () => {
      const manifests = withReadSides(intake);
      const plan = rawGraphPlan(manifests, { prefix });

      it('runs the happy saga, order.created to customer.notified, from order-service', () => {
        assert.deepEqual(happyPath(plan), ['order.created', 'stock.reserved', 'payment.captured', 'shipment.scheduled', 'order.confirmed', 'customer.notified']);
        assert.deepEqual(plan.start, { type: 'order.created', source: 'order-service' });
        assert.equal(plan.terminal, 'order.confirmed');
        assert.equal(plan.eventsExchange, `${prefix}troupe.events`);
      });

      it('has one process per manifest, declaring the topology its worker declares', () => {
        assert.deepEqual(plan.services.map((service) => service.service), manifests.map((manifest) => manifest.service));
        for (const [index, manifest] of manifests.entries()) {
          const fromArchive = intakeOf(manifest) === 'archive';
          const expected = buildTopology({
            prefix,
            service: manifest.service,
            consumes: fromArchive ? [] : consumedBy(manifest),
            retryDelaysMs: messagingDefaults.retryDelaysMs,
            deliveryLimit: messagingDefaults.deliveryLimit,
            ...(fromArchive || manifest.service === 'order-view' ? { archive: {} } : {}),
          });
          assert.deepEqual(plan.services[index]!.topology, expected, manifest.service);
          assert.equal(plan.services[index]!.prefetch, messagingDefaults.prefetch);
        }
      });

      it('consumes every consumer queue of every queue-fed manifest, and only those', () => {
        const planned = plan.services.flatMap((service) => service.consumers.map((consumer) => consumer.queue)).sort();
        const expected = manifests
          .filter((manifest) => intakeOf(manifest) === 'queues')
          .flatMap((manifest) => consumedBy(manifest).map((on) => topologyNames(prefix, manifest.service).consumerQueue(on)))
          .sort();
        assert.deepEqual(planned, expected);
        const declared = new Set(declaredNames(plan).queues);
        for (const queue of expected) assert.ok(declared.has(queue), `${queue} declared`);
      });

      it("publishes each reaction's first emitted type, and only acks a reaction that emits nothing", () => {
        const consumer = (service: string, on: string) => plan.services.find((entry) => entry.service === service)!.consumers.find((entry) => entry.on === on)!;
        assert.equal(consumer('inventory-service', 'order.created').publishes, 'stock.reserved');
        assert.equal(consumer('payment-service', 'stock.reserved').publishes, 'payment.captured');
        assert.equal(consumer('order-service', 'shipment.scheduled').publishes, 'order.confirmed');
        assert.equal(consumer('order-service', 'stock.released').publishes, 'order.cancelled');
        assert.equal(consumer('order-service', 'payment.declined').publishes, undefined);
        assert.equal(consumer('order-service', 'shipment.failed').publishes, undefined);
      });

      it('declares the archive stream (the tap reads it), bound # to the events exchange', () => {
        const { archiveStream } = archiveNames(prefix);
        assert.equal(plan.archiveStream, archiveStream);
        assert.ok(declaredNames(plan).queues.includes(archiveStream));
        const orderView = plan.services.find((service) => service.service === 'order-view')!;
        assert.ok(orderView.topology.bindings.some((binding) => binding.queue === archiveStream && binding.pattern === '#'));
      });
    });
  }

  it('gives a service with an archive intake a stream reader and no queues', () => {
    const plan = rawGraphPlan(withReadSides('archive'), { prefix });
    for (const service of plan.services.filter((entry) => readSides.has(entry.service))) {
      assert.equal(service.intake, 'archive');
      assert.deepEqual(service.consumers, []);
      assert.deepEqual(service.archiveReader, { stream: `${prefix}troupe.archive`, prefetch: 256 });
      const names = topologyNames(prefix, service.service);
      const manifest = referenceManifests.find((entry) => entry.service === service.service)!;
      for (const on of consumedBy(manifest)) assert.ok(!service.topology.queues.some((queue) => queue.name === names.consumerQueue(on)), `${service.service} has no queue for ${on}`);
      assert.ok(service.topology.queues.some((queue) => queue.name === `${prefix}troupe.archive` && queue.arguments['x-queue-type'] === 'stream'));
    }
    const queueFed = rawGraphPlan(withReadSides('queues'), { prefix }).services.find((entry) => entry.service === 'analytics-service')!;
    assert.equal(queueFed.archiveReader, undefined);
    assert.ok(queueFed.consumers.length > 0);
  });

  it('refuses a graph nobody starts, or one without the archive the tap reads', () => {
    const queuesOnly = withReadSides('queues');
    assert.throws(() => rawGraphPlan(queuesOnly, { prefix, archiveDeclaredBy: [] }), /no service declares the archive/);
    assert.throws(() => rawGraphPlan(queuesOnly, { prefix, start: 'payment.refunded' }), /no manifest initiates payment\.refunded/);
  });
});
