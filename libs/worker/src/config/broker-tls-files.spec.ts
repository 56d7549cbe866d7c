import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBrokerTlsFiles } from './broker-tls-files';
import { ConfigError } from './config-error';

describe('readBrokerTlsFiles', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-tls-files-'));
  const pem = (name: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`);
    return file;
  };
  const none = { RABBITMQ_CA_FILE: undefined, RABBITMQ_CERT_FILE: undefined, RABBITMQ_KEY_FILE: undefined };
  const tlsUrl = 'amqps://u:p@localhost:5671';
  writeFileSync(path.join(dir, 'not-pem.der'), Buffer.from([0x30, 0x82, 0x01, 0x0a]));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives nothing when no file is set, over amqp or amqps', () => {
    assert.equal(readBrokerTlsFiles({ RABBITMQ_URL: 'amqp://localhost', ...none }), undefined);
    assert.equal(readBrokerTlsFiles({ RABBITMQ_URL: tlsUrl, ...none }), undefined);
  });

  it('reads the files as Buffers and names where each came from', () => {
    const [ca, cert, key] = [pem('ca.pem'), pem('client.pem'), pem('client.key')];
    const tls = readBrokerTlsFiles({ RABBITMQ_URL: tlsUrl, RABBITMQ_CA_FILE: ca, RABBITMQ_CERT_FILE: cert, RABBITMQ_KEY_FILE: key })!;
    assert.ok(Buffer.isBuffer(tls.ca) && tls.ca.toString().includes('ca.pem'));
    assert.ok(tls.cert?.toString().includes('client.pem') && tls.key?.toString().includes('client.key'));
    assert.deepEqual(tls.sources, { ca: `RABBITMQ_CA_FILE ${ca}`, cert: `RABBITMQ_CERT_FILE ${cert}`, key: `RABBITMQ_KEY_FILE ${key}` });
  });

  it('takes the TLS files for every node of an amqps:// cluster list, and refuses them for an amqp:// one', () => {
    const ca = pem('ca.pem');
    const cluster = 'amqps://u:p@rabbit-1:5671,amqps://u:p@rabbit-2:5671';
    assert.ok(readBrokerTlsFiles({ RABBITMQ_URL: cluster, ...none, RABBITMQ_CA_FILE: ca })?.ca);
    assert.throws(() => readBrokerTlsFiles({ RABBITMQ_URL: 'amqp://rabbit-1:5672,amqp://rabbit-2:5672', ...none, RABBITMQ_CA_FILE: ca }), /RABBITMQ_CA_FILE is set but RABBITMQ_URL is not amqps:\/\//);
  });

  const refused: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ['an unreadable file, naming it', { RABBITMQ_CA_FILE: '/nonexistent/ca.pem' }, /^Invalid configuration: RABBITMQ_CA_FILE cannot be read: \/nonexistent\/ca\.pem \(ENOENT\)$/],
    ['a file that is not PEM', { RABBITMQ_CA_FILE: path.join(dir, 'not-pem.der') }, /^Invalid configuration: RABBITMQ_CA_FILE is not a PEM file: /],
    ['a certificate without its key', { RABBITMQ_CERT_FILE: '/x.pem' }, /^Invalid configuration: RABBITMQ_KEY_FILE is required when a client certificate is used/],
  ];
  for (const [what, files, expected] of refused) {
    it(`refuses ${what} with a ConfigError`, () => {
      assert.throws(() => readBrokerTlsFiles({ RABBITMQ_URL: tlsUrl, ...none, ...files }), (error: unknown) => error instanceof ConfigError && expected.test(error.message));
    });
  }

  it('refuses TLS files with a plain amqp:// URL instead of ignoring them', () => {
    assert.throws(() => readBrokerTlsFiles({ RABBITMQ_URL: 'amqp://localhost:5672', ...none, RABBITMQ_CA_FILE: pem('ca2.pem') }), /RABBITMQ_CA_FILE is set but RABBITMQ_URL is not amqps:\/\//);
  });
});
