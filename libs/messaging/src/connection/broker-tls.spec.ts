import assert from 'node:assert/strict';
import { tlsSocketOptions } from './broker-tls';

describe('tlsSocketOptions', () => {
  const ca = Buffer.from('-----BEGIN CERTIFICATE-----');

  it('checks each node against its own host name, verification always on', () => {
    assert.deepEqual(tlsSocketOptions({ ca }, 'rabbit-1.internal'), { rejectUnauthorized: true, ca, servername: 'rabbit-1.internal' });
    assert.deepEqual(tlsSocketOptions({ ca }, 'rabbit-2.internal'), { rejectUnauthorized: true, ca, servername: 'rabbit-2.internal' });
  });

  it('sends no server name for an IP address (the certificate is checked against the address)', () => {
    assert.deepEqual(tlsSocketOptions({ ca }, '127.0.0.1'), { rejectUnauthorized: true, ca });
    assert.deepEqual(tlsSocketOptions({ ca }, '::1'), { rejectUnauthorized: true, ca });
  });

  it('an explicit servername applies to every node (one certificate for the cluster)', () => {
    assert.equal(tlsSocketOptions({ ca, servername: 'rabbitmq.internal' }, 'rabbit-3.internal')['servername'], 'rabbitmq.internal');
  });

  it('nothing without TLS options (amqplib still verifies amqps:// with the system CAs)', () => {
    assert.deepEqual(tlsSocketOptions(undefined, 'rabbit-1'), {});
  });
});
