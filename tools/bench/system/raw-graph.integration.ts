import assert from 'node:assert/strict';
import { referenceManifests } from '@troupe/order-catalogue';
import { happyPath, startRawGraph, type RawGraph } from './raw-graph';
import { bucketDelta, stageFigures } from './stage-latency';

// The raw replay on the real broker, in its own namespace (bench-raw-<hex>.), deleted by close(): sagas go through
// the bare processes end to end, and each publishing process reports, through its stdin and stdout, how many of its
// publishes the broker confirmed and how long that took.
const url = process.env.RABBITMQ_URL || 'amqp://guest:guest@localhost:5672';

describe('raw replay of the event graph (real broker)', function () {
  this.timeout(120_000);
  let graph: RawGraph | undefined;
  const failures: string[] = [];

  before(async () => {
    graph = await startRawGraph(url, referenceManifests, (why) => failures.push(why));
  });
  after(async () => {
    await graph?.close();
  });

  it("runs sagas to order.confirmed and reports each publishing process's confirms between two readings", async () => {
    const before = await graph!.confirmReading();
    const sagas = 5;
    for (let index = 0; index < sagas; index += 1) {
      const timing = await graph!.workload(index, performance.now());
      assert.equal(timing.outcome, 'confirmed');
    }
    // Each process publishes once per saga for each of its consumers of a happy-path event that has a reaction.
    const path = happyPath(graph!.plan);
    const perSaga = new Map(
      graph!.plan.services
        .map((service) => [`raw ${service.service}`, service.consumers.filter((consumer) => consumer.publishes && path.includes(consumer.on)).length] as const)
        .filter(([, count]) => count > 0),
    );
    const publishers = [...perSaga.keys()];
    assert.ok(publishers.length >= 4, `the happy path has publishing services: ${publishers.join(', ')}`);
    // A saga ends when the tap sees order.confirmed, which may be before its publisher has read the confirm (and
    // customer.notified comes after it): read again until every publisher has its confirms, for at most 5 s.
    const confirmed = (reading: typeof before, process: string) => (reading.get(process)?.confirm?.total ?? 0) - (before.get(process)?.confirm?.total ?? 0);
    let after = await graph!.confirmReading();
    for (let attempt = 0; attempt < 50 && publishers.some((process) => confirmed(after, process) < sagas * perSaga.get(process)!); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await graph!.confirmReading();
    }
    for (const process of publishers) {
      const confirms = bucketDelta(after.get(process)!.confirm!, before.get(process)?.confirm);
      assert.equal(confirms.total, sagas * perSaga.get(process)!, `${process}: its confirmed publishes, one per reaction and saga`);
      const figures = stageFigures(confirms)!;
      assert.ok(figures.p50 > 0 && figures.p50 <= 5000, `${process}: a confirm latency in the buckets' range, got ${figures.p50} ms`);
    }
    assert.deepEqual(failures, []);
  });
});
