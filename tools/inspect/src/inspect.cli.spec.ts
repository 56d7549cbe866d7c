import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtureOrderId, jaegerFixture, orderViewFixture, type FixtureName } from './fixtures';

const launcher = path.resolve(__dirname, '..', '..', 'cli', 'bin', 'troupe.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `troupe` launcher as a child process, from outside the workspace to prove it finds its own config. */
function troupe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [launcher, ...args], { cwd: tmpdir(), env: { ...process.env, JAEGER_URL: '', ORDER_VIEW_URL: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** A stand-in for order-view (and Jaeger's query API) on loopback, answering from the recorded fixtures. */
function fakeServer(name: FixtureName): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === `/orders/${fixtureOrderId}`) return json(200, orderViewFixture(name));
    if (url.pathname === '/api/traces' && url.searchParams.get('service') === 'order-service' && JSON.parse(url.searchParams.get('tags') ?? '{}')['order.id'] === fixtureOrderId) {
      return json(200, jaegerFixture(name));
    }
    return json(404, { statusCode: 404, error: 'Not Found' });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('npx troupe inspect (child process against a fake order-view)', () => {
  let servers: Server[] = [];
  afterEach(() => {
    for (const server of servers) server.close();
    servers = [];
  });
  const start = async (name: FixtureName) => {
    const fake = await fakeServer(name);
    servers.push(fake.server);
    return fake.url;
  };

  it('prints a happy saga and exits 0', async () => {
    const url = await start('happy');
    const run = await troupe(['inspect', fixtureOrderId, '--view-url', url]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /notification-service +emitted customer\.notified +ok/);
    // order-view consumes every saga event: without traces nothing on the path is unobservable.
    assert.match(run.stdout, /inventory-service +emitted stock\.reserved +ok/);
    assert.doesNotMatch(run.stdout, /not observable without traces/);
    assert.match(run.stdout, /verdict: follows the map/);
  });

  it('with JAEGER_URL, flags the compensated saga and exits 1', async () => {
    const url = await start('compensated');
    const run = await troupe(['inspect', fixtureOrderId], { ORDER_VIEW_URL: url, JAEGER_URL: url });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /MISSING: payment\.refunded/);
    assert.match(run.stdout, /shipping-service +emitted shipment\.scheduled +UNEXPECTED/);
  });

  it('exits 2 for an unknown order, naming it', async () => {
    const url = await start('happy');
    const run = await troupe(['inspect', 'no-such-order', '--view-url', url]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /order no-such-order is unknown to order-view/);
  });

  it('exits 2 without an order id, and for an unknown command', async () => {
    assert.equal((await troupe(['inspect'])).code, 2);
    const unknown = await troupe(['dlq-nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'dlq-nope'[\s\S]*inspect/);
  });
});
