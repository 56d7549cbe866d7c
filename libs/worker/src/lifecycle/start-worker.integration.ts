import { waitFor } from '@troupe/testing';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { examplesOf } from '@troupe/order-catalogue/testing';
import { buildTopology } from '@troupe/messaging';
import { deleteTopologies } from '@troupe/messaging/testing';
import { integerField } from '../config/field-types';
import { startWorker, type RunningWorker } from './start-worker';
import { consumerManifest } from '../testing/consumer-manifest';
import { defineWorker } from './worker-definition';
import { orderCatalogue } from '@troupe/order-catalogue';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';

const until = <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15000): Promise<T> => waitFor(probe, { what, timeoutMs });

describe('startWorker in-process (real broker, SQLite)', function () {
  this.timeout(60_000);
  const prefix = `test-chassis-${process.pid}-${Date.now()}.`;
  const order = examplesOf('order.created')[0]!;
  const calls: string[] = [];
  const statesSeen: { hook: string; state: { instance: symbol } }[] = [];
  let dataDir: string;
  let worker: RunningWorker | undefined;

  const probe = defineWorker({
    catalogue: orderCatalogue,
    service: 'chassis-probe',
    defaultPort: 3999,
    config: { PROBE_MULTIPLIER: integerField({ description: 'Proves app fields reach the hooks typed.', default: 1 }) },
    indexes: { seen: [{ fields: ['customerId'] }] },
    manifest: consumerManifest('chassis-probe', ['order.created']),
    // A fresh object per start: this instance's state, handed to handlers, routes and start.
    prepare: () => {
      calls.push('prepare');
      return { instance: Symbol('chassis-probe instance') };
    },
    handlers: ({ config, state }) => {
      statesSeen.push({ hook: 'handlers', state });
      return {
      'order.created': async (event, ctx) => {
        await ctx.store.collection<{ _id: string; customerId: string; weight: number }>('seen').insert({ _id: event.data.orderId, customerId: event.data.customerId, weight: config.PROBE_MULTIPLIER * 2 });
      },
      };
    },
    routes(http, { messaging, state }) {
      statesSeen.push({ hook: 'routes', state });
      http.post('/emit', async (_request, reply) => {
        await messaging.transaction((_session, outbox) => outbox.emit('order.created', order));
        return reply.status(202).send({ emitted: order.orderId });
      });
    },
    start({ state }, http) {
      calls.push('start');
      statesSeen.push({ hook: 'start', state });
      // State of this start only, released by the stop it returns.
      const started = { at: Date.now() };
      http.get('/started', async () => ({ started: started.at > 0 }));
      return () => void calls.push('stop');
    },
  });

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-chassis-'));
    worker = await startWorker(probe, {
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: prefix, PROBE_MULTIPLIER: '21' },
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
  });
  after(async () => {
    await worker?.stop();
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'chassis-probe', consumes: ['order.created'] })]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs prepare, then start, before serving, and wires routes, outbox, consumers and metrics end to end', async () => {
    assert.deepEqual(calls, ['prepare', 'start']);
    await until(async () => ((await fetch(`${worker!.url}/health`)).status === 200 ? true : undefined), 'healthy');
    assert.deepEqual(await (await fetch(`${worker!.url}/started`)).json(), { started: true });

    const response = await fetch(`${worker!.url}/emit`, { method: 'POST' });
    assert.equal(response.status, 202);

    const seen = worker!.context.store.collection<{ _id: string; customerId: string; weight: number }>('seen');
    const stored = await until(() => seen.get(order.orderId), 'the handler committed the event');
    assert.deepEqual({ ...stored, version: undefined }, { _id: order.orderId, customerId: order.customerId, weight: 42, version: undefined });

    const metrics = await until(async () => {
      const text = await (await fetch(`${worker!.url}/metrics`)).text();
      return /troupe_messages_consumed_total\{event="order\.created",service="chassis-probe"\} 1$/m.test(text) ? text : undefined;
    }, 'the consumed counter');
    assert.match(metrics, /^troupe_messages_published_total\{event="order\.created",service="chassis-probe"\} 1$/m);
    assert.match(metrics, /^troupe_handler_duration_seconds_count\{service="chassis-probe",event="order\.created"\} 1$/m);
  });

  it('hands handlers, routes and start the one state prepare returned, and another worker in the process gets its own', async () => {
    assert.deepEqual(statesSeen.map((seen) => seen.hook), ['handlers', 'routes', 'start']);
    const [first] = statesSeen;
    assert.equal(typeof first!.state.instance, 'symbol');
    for (const seen of statesSeen) assert.equal(seen.state, first!.state, `${seen.hook} sees prepare's object`);
    assert.equal(worker!.context.state, first!.state);

    const otherPrefix = `${prefix}other.`;
    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-chassis-'));
    const other = await startWorker(probe, {
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: otherDir, RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: otherPrefix },
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    try {
      const mine = statesSeen.slice(3);
      assert.deepEqual(mine.map((seen) => seen.hook), ['handlers', 'routes', 'start']);
      for (const seen of mine) assert.equal(seen.state, other.context.state);
      assert.notEqual(other.context.state, worker!.context.state);
      assert.notEqual(other.context.state.instance, worker!.context.state.instance);
    } finally {
      await other.stop();
      await deleteTopologies(brokerUrl, [buildTopology({ prefix: otherPrefix, service: 'chassis-probe', consumes: ['order.created'] })]);
      rmSync(otherDir, { recursive: true, force: true });
      calls.splice(2);
    }
  });

  it('refuses a handler map that is not its manifest\'s before touching the broker, naming the service and the events', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-chassis-'));
    const mismatched = defineWorker({
      catalogue: orderCatalogue,
      service: 'chassis-mismatch',
      defaultPort: 3999,
      manifest: consumerManifest('chassis-mismatch', ['order.created', 'order.confirmed']),
      handlers: () => ({ 'order.created': async () => undefined, 'payment.captured': async () => undefined }) as never,
    });
    try {
      // A port nothing listens on: the refusal must not wait for (or log) a connection attempt.
      await assert.rejects(
        startWorker(mismatched, { env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:1' }, logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }) }),
        /worker definition chassis-mismatch: handler map does not match its manifest: no handler for order\.confirmed .*; handlers for payment\.captured/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops cleanly: the stop start returned runs after the consumers drained, then the store is closed', async () => {
    const steps: string[] = [];
    const failed = await worker!.stop((step) => steps.push(step));
    assert.deepEqual(failed, []);
    assert.deepEqual(calls, ['prepare', 'start', 'stop']);
    assert.deepEqual(steps, ['http server', 'consumers', 'stop hook', 'broker connection', 'store', 'tracing']);
    assert.equal(await worker!.context.store.ping().catch(() => false), false);
    await assert.rejects(fetch(`${worker!.url}/health`));
  });
});
