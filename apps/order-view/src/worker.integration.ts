import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { toAmqpProperties, type AnyEvent } from '@troupe/contracts';
import { orderViewManifest } from '@troupe/order-catalogue';
import { buildTopology, topologyNames } from '@troupe/messaging';
import { deleteTopologies, publishRaw } from '@troupe/messaging/testing';
import { pollHttp } from '@troupe/testing';
import { startWorker, type RunningWorker } from '@troupe/worker';
import { eventOfType, sagaEvents } from './testing/saga-events';
import { orderViewWorker } from './worker';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';

describe('order-view on the real broker', function () {
  this.timeout(90_000);
  const prefix = `test-order-view-${process.pid}-${Date.now()}.`;
  let dataDir: string;
  let worker: RunningWorker | undefined;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-order-view-'));
    worker = await startWorker(orderViewWorker, {
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        RABBITMQ_URL: brokerUrl,
        RABBITMQ_PREFIX: prefix,
        LOG_LEVEL: 'warn',
        // Generous: this machine is shared; the test never depends on how long the wait lasts.
        MIN_VERSION_WAIT_MS: '30000',
      },
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    await pollHttp(`${worker.url}/health`, (result) => result.status === 200, { timeoutMs: 30_000 });
  });
  after(async () => {
    await worker?.stop();
    const consumes = orderViewManifest.reactions.map((reaction) => reaction.on);
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'order-view', consumes, archive: {} })]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const publish = async (event: AnyEvent) => {
    const exchange = topologyNames(prefix, 'order-view').eventsExchange;
    await publishRaw(brokerUrl, exchange, event.type, Buffer.from(JSON.stringify(event)), toAmqpProperties(event));
  };

  it('projects a saga published out of order with a duplicate: final status, version and every step in the timeline', async () => {
    const orderId = randomUUID();
    const saga = sagaEvents('payment-declined', { orderId });
    const cancelled = eventOfType(saga, 'order.cancelled');
    // Read-your-writes: asked before anything is projected, answered once version 3 is committed.
    const readYourWrites = fetch(`${worker!.url}/orders/${orderId}?minVersion=3`, { signal: AbortSignal.timeout(60_000) });

    // Every step of the saga (order-view consumes them all), newest first, the terminal event twice.
    for (const event of [...saga].reverse().concat(cancelled)) await publish(event);

    const answered = await readYourWrites;
    assert.equal(answered.status, 200);
    assert.equal(((await answered.json()) as { version: number }).version, 3);

    const final = await pollHttp(
      `${worker!.url}/orders/${orderId}`,
      (result) => result.status === 200 && (result.json as { timeline: unknown[] }).timeline.length === saga.length,
      { timeoutMs: 30_000 },
    );
    const view = final.json as Record<string, unknown> & { timeline: Array<Record<string, string>> };
    assert.equal(view.status, 'CANCELLED');
    assert.equal(view.reason, 'payment_declined');
    assert.equal(view.version, 3);
    assert.equal(view.notified, true);
    assert.equal(view.customerId, 'cust-1');
    assert.equal(view.total, 44.98);
    assert.deepEqual(
      view.timeline.map((step) => [step.service, step.event, step.at]),
      saga.map((event) => [event.source, event.type, event.time]),
    );
  });
});
