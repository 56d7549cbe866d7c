import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { brokerConnectionsNamed, brokerTls, generateUnrelatedCa, waitFor, type BrokerTlsSetup } from '@troupe/testing';
import { connectBroker } from './broker-connection';
import type { MessagingLogger } from '../logger';

function recordingLogger(lines: string[]): MessagingLogger {
  const record = (level: string) => (_fields: Record<string, unknown>, message: string) => void lines.push(`${level} ${message}`);
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

describe('connectBroker over TLS (real broker, listener from `npm run infra -- --tls`)', function () {
  this.timeout(30_000);
  let setup: BrokerTlsSetup;

  before(async () => {
    setup = await brokerTls();
  });

  it('connects with the generated CA and a client certificate; the broker lists the connection as TLS', async () => {
    const name = `tls-probe-${process.pid}-${Date.now()}`;
    const broker = connectBroker({
      url: setup.url,
      connectionName: name,
      tls: { ca: readFileSync(setup.caFile), cert: readFileSync(setup.certFile), key: readFileSync(setup.keyFile) },
    });
    try {
      await broker.whenConnected(10_000);
      const [connection] = await waitFor(async () => {
        const found = await brokerConnectionsNamed(name);
        return found.length > 0 ? found : undefined;
      }, { what: 'the broker lists the connection', timeoutMs: 15_000 });
      assert.equal(connection!.ssl, true);
      assert.match(connection!.peer_cert_subject ?? '', /troupe-client/);
    } finally {
      await broker.close();
    }
  });

  it('refuses a CA that does not sign the broker certificate, naming the cause once, not as a silent retry loop', async () => {
    const lines: string[] = [];
    const broker = connectBroker({
      url: setup.url,
      tls: { ca: generateUnrelatedCa(), sources: { ca: 'RABBITMQ_CA_FILE /tmp/other-ca.pem' } },
      reconnect: { initialDelayMs: 50, maxDelayMs: 100 },
      logger: recordingLogger(lines),
    });
    try {
      await assert.rejects(broker.whenConnected(1500), /^Error: broker not connected within 1500 ms: TLS: certificate signed by an unknown authority \(RABBITMQ_CA_FILE \/tmp\/other-ca\.pem does not sign the broker's certificate\)$/);
      const errors = lines.filter((line) => line.startsWith('error '));
      assert.deepEqual(errors, ["error broker connection failed: TLS: certificate signed by an unknown authority (RABBITMQ_CA_FILE /tmp/other-ca.pem does not sign the broker's certificate)"]);
    } finally {
      await broker.close();
    }
  });

  it('refuses a host name the broker certificate does not list', async () => {
    const url = new URL(setup.url);
    url.hostname = '127.0.0.2'; // loopback too, but not in the certificate's names (localhost, 127.0.0.1, ::1)
    const broker = connectBroker({ url: url.toString(), tls: { ca: readFileSync(setup.caFile) }, reconnect: { maxDelayMs: 100 } });
    try {
      await assert.rejects(broker.whenConnected(1500), /TLS: the broker's certificate is not valid for "127\.0\.0\.2"/);
    } finally {
      await broker.close();
    }
  });
});
