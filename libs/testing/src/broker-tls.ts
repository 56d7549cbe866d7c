import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { workspaceRoot } from './process';

/** The local broker's TLS listener as `npm run infra -- --tls` sets it up (tools/infra/tls.mjs). */
export interface BrokerTlsSetup {
  /** `amqps://<credentials of RABBITMQ_URL>@localhost:5671`. */
  url: string;
  caFile: string;
  certFile: string;
  keyFile: string;
}

/**
 * Finds the TLS listener the tests use, or throws saying how to get one: a TLS test must fail, not skip, when the
 * listener is missing (`npm test` sets it up once before any test runs). RABBITMQ_TLS_URL and TROUPE_TLS_DIR
 * point elsewhere.
 */
export async function brokerTls(): Promise<BrokerTlsSetup> {
  const dir = process.env.TROUPE_TLS_DIR ?? path.join(workspaceRoot(), 'data', 'tls');
  // The first node of a list: the local TLS listener is on that broker. (Split here rather than with messaging's
  // parseBrokerUrls: messaging's own tests import this kit, and the kit importing messaging would close a cycle.)
  const plain = new URL((process.env.RABBITMQ_URL ?? 'amqp://guest:guest@localhost:5672').split(',')[0]!.trim());
  const url = new URL(process.env.RABBITMQ_TLS_URL ?? plain.toString());
  if (!process.env.RABBITMQ_TLS_URL) {
    url.protocol = 'amqps:';
    url.port = '5671';
  }
  const setup = { url: url.toString().replace(/\/$/, ''), caFile: path.join(dir, 'ca.pem'), certFile: path.join(dir, 'client.pem'), keyFile: path.join(dir, 'client.key') };
  const hint = 'run `npm run infra -- --tls` (npm test does it before the tests)';
  if (!existsSync(setup.caFile)) throw new Error(`no TLS material in ${dir}: ${hint}`);
  const outcome = await handshake(url.hostname, Number(url.port || 5671), readFileSync(setup.caFile));
  if (outcome !== 'ok') throw new Error(`no TLS listener at ${url.hostname}:${url.port || 5671} that verifies with ${setup.caFile} (${outcome}): ${hint}`);
  return setup;
}

function handshake(host: string, port: number, ca: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, ca, servername: host, timeout: 3000 }, () => {
      socket.destroy();
      resolve('ok');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timed out');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** A CA that signs nothing the broker presents (EC P-256, openssl), to prove a wrong CA is refused. */
export function generateUnrelatedCa(): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-other-ca-'));
  try {
    const config = path.join(dir, 'openssl.cnf');
    execFileSync('sh', ['-c', `printf '[req]\\ndistinguished_name=dn\\nprompt=no\\n[dn]\\nCN=x\\n[ext]\\nbasicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign\\n' > "${config}"`]);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'ca.key'), '-out', path.join(dir, 'ca.pem'), '-days', '1', '-subj', '/CN=Unrelated test CA', '-config', config, '-extensions', 'ext'], { stdio: 'ignore' });
    return readFileSync(path.join(dir, 'ca.pem'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The broker's view of the connections named `connectionName` (management API): whether each one is TLS. */
export async function brokerConnectionsNamed(connectionName: string, managementUrl = process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672'): Promise<Array<{ name: string; ssl: boolean; ssl_protocol?: string; peer_cert_subject?: string }>> {
  const url = new URL(managementUrl);
  const headers = { authorization: `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` };
  const response = await fetch(`${url.protocol}//${url.host}/api/connections`, { headers });
  if (!response.ok) throw new Error(`GET /api/connections: management API answered ${response.status}`);
  const connections = (await response.json()) as Array<{ name: string; ssl: boolean; ssl_protocol?: string; peer_cert_subject?: string; client_properties?: { connection_name?: string } }>;
  return connections.filter((connection) => connection.client_properties?.connection_name === connectionName);
}
