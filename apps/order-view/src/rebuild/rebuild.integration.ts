import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { toAmqpProperties, type AnyEvent } from '@troupe/contracts';
import { orderViewManifest } from '@troupe/order-catalogue';
import { archiveNames, buildTopology, deleteArchive, ensureArchive } from '@troupe/messaging';
import { deleteTopologies, publishRaw, withBrokerChannel } from '@troupe/messaging/testing';
import { createStore, type Store } from '@troupe/persistence';
import { pollHttp } from '@troupe/testing';
import { startWorker, type RunningWorker } from '@troupe/worker';
import { orderViewsCollection, type OrderViewRow } from '../store/order-view-row';
import { projectedEventsOf, sagaEvents, sagaOutcomes } from '../testing/saga-events';
import type { OrderView } from '../view/order-view';
import { orderViewWorker } from '../worker';
import { RebuildRefused, rebuildOrderView } from './rebuild-order-view';
import { replayArchiveInto } from './replay-archive';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';

/** Every row's view by order id; `updatedAt` (when a row was written, not what it says) is left out. */
async function viewsIn(store: Store): Promise<Map<string, OrderView>> {
  const rows = await store.collection<OrderViewRow>(orderViewsCollection).find();
  return new Map(rows.map((row) => [row._id, row.view]));
}

describe('order-view rebuild from the event archive (real broker)', function () {
  this.timeout(120_000);
  const prefix = `test-order-view-rebuild-${process.pid}-${Date.now()}.`;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-order-view-rebuild-'));
    dirs.push(dir);
    return dir;
  };
  let worker: RunningWorker | undefined;
  // Nothing listens on port 2 and the OS never hands it out as an ephemeral port (unlike a stopped worker's port,
  // which a test running in parallel may get next), so the rebuild's "is order-view running?" probe is refused.
  const stoppedWorkerUrl = 'http://127.0.0.1:2';

  after(async () => {
    await worker?.stop();
    const consumes = orderViewManifest.reactions.map((reaction) => reaction.on);
    await deleteArchive(brokerUrl, prefix);
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'order-view', consumes })]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('replays the archive through the same projection: the rebuilt rows equal the live view, and the swap makes them live', async () => {
    await ensureArchive(brokerUrl, { prefix });
    const liveDir = tempDir();
    worker = await startWorker(orderViewWorker, {
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: liveDir, RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: prefix, LOG_LEVEL: 'warn' },
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    await pollHttp(`${worker.url}/health`, (result) => result.status === 200, { timeoutMs: 30_000 });

    // Every kind of saga, twice, steps interleaved across sagas, one event duplicated: what a live system publishes.
    const sagas = [...sagaOutcomes, ...sagaOutcomes].map((outcome) => sagaEvents(outcome, { orderId: randomUUID() }));
    const published: AnyEvent[] = [];
    for (let step = 0; sagas.some((saga) => step < saga.length); step += 1) {
      for (const saga of sagas) if (step < saga.length) published.push(saga[step]);
    }
    published.push(sagas[0][0]);
    const exchange = archiveNames(prefix).eventsExchange;
    for (const event of published) await publishRaw(brokerUrl, exchange, event.type, Buffer.from(JSON.stringify(event)), toAmqpProperties(event));

    for (const saga of sagas) {
      const expectedSteps = projectedEventsOf(saga).length;
      await pollHttp(`${worker.url}/orders/${saga[0].data.orderId}`, (result) => result.status === 200 && (result.json as { timeline: unknown[] }).timeline.length === expectedSteps, {
        timeoutMs: 60_000,
      });
    }
    const live = await viewsIn(worker.context.store);
    assert.equal(live.size, sagas.length);

    await assert.rejects(
      rebuildOrderView({ RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: prefix, DATA_DIR: liveDir, orderViewUrl: worker.url, force: false }),
      (error: Error) => error instanceof RebuildRefused && /stop it first/.test(error.message),
    );

    const fresh = await createStore({ kind: 'sqlite', file: path.join(tempDir(), 'fresh.sqlite') });
    try {
      const replayed = await replayArchiveInto(fresh, { url: brokerUrl, prefix, batchSize: 7 });
      assert.equal(replayed.read, published.length);
      assert.equal(replayed.projected, projectedEventsOf(published).length);
      assert.equal(replayed.firstOffset, 0);
      assert.deepEqual(await viewsIn(fresh), live);
    } finally {
      await fresh.close();
    }

    await worker.stop();
    worker = undefined;
    const progress: number[] = [];
    const result = await rebuildOrderView({
      RABBITMQ_URL: brokerUrl,
      RABBITMQ_PREFIX: prefix,
      DATA_DIR: liveDir,
      orderViewUrl: stoppedWorkerUrl,
      force: false,
      onProgress: ({ read }) => progress.push(read),
    });
    assert.equal(result.read, published.length);
    assert.deepEqual(progress, [published.length]);
    const swapped = await createStore({ kind: 'sqlite', file: path.join(liveDir, 'order-view.sqlite') });
    try {
      assert.deepEqual(await viewsIn(swapped), live);
    } finally {
      await swapped.close();
    }
  });

  it('refuses to swap in a view with fewer orders than the live one (an archive declared late), leaving both files as they were', async () => {
    const latePrefix = `${prefix}late.`;
    await ensureArchive(brokerUrl, { prefix: latePrefix });
    try {
      const liveDir = dirs[0];
      await assert.rejects(
        rebuildOrderView({ RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: latePrefix, DATA_DIR: liveDir, orderViewUrl: stoppedWorkerUrl, force: false }),
        (error: Error) => error instanceof RebuildRefused && /rebuilds 0 orders but the live view holds 12/.test(error.message),
      );
      assert.equal(existsSync(path.join(liveDir, 'order-view.rebuild.sqlite')), false);
      const kept = await createStore({ kind: 'sqlite', file: path.join(liveDir, 'order-view.sqlite') });
      try {
        assert.equal(await kept.collection(orderViewsCollection).count(), 12);
      } finally {
        await kept.close();
      }
    } finally {
      await deleteArchive(brokerUrl, latePrefix);
      await withBrokerChannel(brokerUrl, (channel) => channel.deleteExchange(archiveNames(latePrefix).eventsExchange));
    }
  });
});
