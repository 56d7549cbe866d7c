import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { connectBroker } from './broker-connection';

/** A CA and a server certificate for `DNS:localhost` only (no IP address), made with openssl for this test. */
function localhostCertificate(dir: string): { ca: Buffer; cert: Buffer; key: Buffer } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  writeFileSync(file('ext.cnf'), 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n');
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=tls-per-node test CA');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '1', '-extfile', file('ext.cnf'));
  return { ca: readFileSync(file('ca.pem')), cert: readFileSync(file('server.pem')), key: readFileSync(file('server.key')) };
}

describe('TLS per node (a TLS listener on loopback standing in for two nodes)', function () {
  this.timeout(30_000);
  let dir: string;
  let server: tls.Server;
  let port: number;
  const handshakes: Array<string | false> = [];

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-tls-per-node-'));
    const { cert, key } = localhostCertificate(dir);
    // Completes the handshake, then hangs up: no AMQP behind it, so a node that passes verification fails later, differently.
    server = tls.createServer({ cert, key }, (socket) => {
      handshakes.push((socket as tls.TLSSocket & { servername?: string | false }).servername ?? false);
      socket.destroy();
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("checks each node's certificate against that node's own host, and only that", async () => {
    const ca = readFileSync(path.join(dir, 'ca.pem'));
    // The same listener under two names: as localhost the certificate (DNS:localhost only) is accepted, as 127.0.0.1
    // refused. A name carried over from the first node to the next would accept both.
    const broker = connectBroker({
      url: [`amqps://svc:pw@localhost:${port}`, `amqps://svc:pw@127.0.0.1:${port}`],
      firstNode: 0,
      tls: { ca },
      reconnect: { initialDelayMs: 50, maxDelayMs: 100 },
    });
    try {
      await assert.rejects(broker.whenConnected(2000), (error: Error) => {
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}: TLS: the broker's certificate is not valid for "127\\.0\\.0\\.1"`));
        assert.match(error.message, new RegExp(`localhost:${port}: `));
        assert.doesNotMatch(error.message, new RegExp(`localhost:${port}: TLS:`), 'localhost passed verification');
        return true;
      });
      assert.ok(handshakes.length >= 1, 'the localhost node completed its handshake');
      assert.ok(handshakes.every((name) => name === 'localhost'), `server names sent: ${JSON.stringify(handshakes)} (none for the IP address)`);
    } finally {
      await broker.close();
    }
  });
});
