import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { orderCatalogue } from '@troupe/order-catalogue';
import { buildTopology } from '@troupe/messaging';
import { deleteTopologies } from '@troupe/messaging/testing';
import { waitFor } from '@troupe/testing';
import { consumerManifest } from '../testing/consumer-manifest';
import { startWorker, type RunningWorker } from './start-worker';
import { defineWorker } from './worker-definition';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a worker whose RABBITMQ_URL lists several nodes (real broker)', function () {
  this.timeout(60_000);
  const prefix = `test-broker-list-${process.pid}-${Date.now()}.`;
  const definition = defineWorker({ catalogue: orderCatalogue, service: 'broker-list-probe', defaultPort: 3998, manifest: consumerManifest('broker-list-probe', ['order.created']), handlers: () => ({ 'order.created': async () => undefined }) });
  let dataDir: string;
  let worker: RunningWorker | undefined;

  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-broker-list-'))));
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    rmSync(dataDir, { recursive: true, force: true });
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'broker-list-probe', consumes: ['order.created'] })]);
  });

  it('is healthy on the live node past a dead one, logs the node it is on and masks every password', async () => {
    const dead = await closedPort();
    const logs: Array<Record<string, unknown>> = [];
    worker = await startWorker(definition, {
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, RABBITMQ_PREFIX: prefix, RABBITMQ_URL: `amqp://guest:dead-node-pw@127.0.0.1:${dead}, ${brokerUrl}` },
      logDestination: new Writable({
        write: (chunk, _encoding, done) => {
          for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
          done();
        },
      }),
    });
    await waitFor(async () => ((await fetch(`${worker!.url}/health`)).status === 200 ? true : undefined), { what: 'healthy', timeoutMs: 15_000 });
    const connected = logs.filter((line) => line['msg'] === 'broker connected');
    assert.ok(connected.length >= 1 && connected.every((line) => line['node'] === '127.0.0.1:5672' && line['nodes'] === 2), JSON.stringify(connected));
    const configuration = logs.find((line) => line['msg'] === 'configuration') as { config: { RABBITMQ_URL: string } } | undefined;
    assert.equal(configuration?.config.RABBITMQ_URL, `amqp://guest:***@127.0.0.1:${dead},amqp://guest:***@127.0.0.1:5672`);
    assert.doesNotMatch(JSON.stringify(logs), /dead-node-pw/);
  });
});
