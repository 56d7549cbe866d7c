import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { brokerConnectionsNamed, brokerTls, deleteBrokerNamespace, generateUnrelatedCa, waitFor, type BrokerTlsSetup } from '@troupe/testing';
import { startWorker, type RunningWorker } from './start-worker';
import { consumerManifest } from '../testing/consumer-manifest';
import { defineWorker } from './worker-definition';
import { orderCatalogue } from '@troupe/order-catalogue';

/** A worker over `amqps://` as `npm start -- --tls` runs them: the CA and client certificate from `npm run infra -- --tls`. */
describe('a worker over TLS (real broker, listener from `npm run infra -- --tls`)', function () {
  this.timeout(60_000);
  const run = `${process.pid}-${Date.now()}`;
  const prefix = `test-tls-${run}.`;
  const lines: string[] = [];
  const logDestination = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  let setup: BrokerTlsSetup;
  let dataDir: string;
  const workers: RunningWorker[] = [];
  const start = async (service: string, env: Record<string, string>) => {
    const worker = await startWorker(defineWorker({ catalogue: orderCatalogue, service, defaultPort: 3999, manifest: consumerManifest(service, ['order.created']), handlers: () => ({ 'order.created': async () => undefined }) }), {
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, RABBITMQ_PREFIX: prefix, RABBITMQ_URL: setup.url, ...env },
      logDestination,
    });
    workers.push(worker);
    return worker;
  };

  before(async () => {
    setup = await brokerTls();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-tls-'));
  });
  after(async () => {
    for (const worker of workers) await worker.stop();
    await deleteBrokerNamespace(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects with RABBITMQ_CA_FILE, RABBITMQ_CERT_FILE and RABBITMQ_KEY_FILE: healthy, and the broker lists its connection as TLS', async () => {
    const service = `tls-probe-${process.pid}`;
    const worker = await start(service, { RABBITMQ_CA_FILE: setup.caFile, RABBITMQ_CERT_FILE: setup.certFile, RABBITMQ_KEY_FILE: setup.keyFile });
    await waitFor(async () => ((await fetch(`${worker.url}/health`)).status === 200 ? true : undefined), { what: 'healthy over TLS', timeoutMs: 15_000 });
    const connections = await waitFor(async () => {
      const found = await brokerConnectionsNamed(service);
      return found.length > 0 ? found : undefined;
    }, { what: `the broker lists a connection named ${service}`, timeoutMs: 15_000 });
    assert.deepEqual(connections.map((connection) => connection.ssl), [true]);
    assert.match(connections[0]!.peer_cert_subject ?? '', /CN=troupe-client/);
  });

  it('with a CA that does not sign the broker certificate: never healthy, and the log names the cause and the file', async () => {
    const otherCa = path.join(dataDir, 'other-ca.pem');
    writeFileSync(otherCa, generateUnrelatedCa());
    const worker = await start(`tls-wrong-ca-${process.pid}`, { RABBITMQ_CA_FILE: otherCa });
    const line = await waitFor(() => lines.find((entry) => entry.includes('broker connection failed: TLS')), { what: 'the TLS error line', timeoutMs: 10_000 });
    const logged = JSON.parse(line) as { level: string | number; msg: string; component?: string };
    assert.equal(logged.msg, `broker connection failed: TLS: certificate signed by an unknown authority (RABBITMQ_CA_FILE ${otherCa} does not sign the broker's certificate)`);
    assert.equal(logged.component, 'broker');
    assert.ok(logged.level === 'error' || logged.level === 50, `logged at error, got ${logged.level}`);
    assert.equal((await fetch(`${worker.url}/health`)).status, 503);
  });
});
