import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Test-only: the chassis never depends on the testing lib at runtime; its process and fault helpers are fine in tests.
import { deleteBrokerNamespace, httpGet, pollHttp, runAppProcessToExit, startAppProcess, startTcpProxy, type AppProcess, type TcpProxy } from '@troupe/testing';
import { configErrorExitCode } from './run-worker';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';
const orderService = 'apps/order-service/src/main.ts';
const fixture = 'libs/worker/src/test-fixtures/fixture-worker.ts';

async function waitForLog(app: AppProcess, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!app.logLines().some((line) => line.msg === message)) {
    if (Date.now() > deadline) throw new Error(`no "${message}" log line within ${timeoutMs} ms:\n${app.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('worker processes (real broker, real processes)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let prefix: string;
  let app: AppProcess | undefined;
  let proxy: TcpProxy | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-worker-'));
    prefix = `test-worker-${process.pid}-${Date.now()}.`;
  });
  afterEach(async () => {
    await app?.stop(2_000);
    await proxy?.close();
    app = proxy = undefined;
    await deleteBrokerNamespace(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({ DATA_DIR: dataDir, RABBITMQ_PREFIX: prefix, LOG_LEVEL: 'info', ...extra });
  const healthy = (result: { status: number }) => result.status === 200;
  const unavailable = (result: { status: number }) => result.status === 503;

  it('serves /health 200 and /metrics, turns 503 while the broker is unreachable and 200 again without a restart', async () => {
    proxy = await startTcpProxy({ targetPort: 5672 });
    app = await startAppProcess({ entry: orderService, env: env({ RABBITMQ_URL: `amqp://guest:guest@127.0.0.1:${proxy.port}` }) });

    const up = await pollHttp(`${app.url}/health`, healthy);
    assert.deepEqual(up.json, { status: 'ok', checks: { broker: true, store: true } });
    const metrics = await httpGet(`${app.url}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /^process_resident_memory_bytes\{service="order-service"\} \d+/m);
    assert.match(metrics.text, /^# TYPE troupe_messages_dead_lettered_total counter$/m);

    await proxy.cut();
    const down = await pollHttp(`${app.url}/health`, unavailable);
    assert.deepEqual(down.json, { status: 'unavailable', checks: { broker: false, store: true } });

    await proxy.restore();
    await pollHttp(`${app.url}/health`, healthy);
    const reconnects = app.logLines().filter((line) => line.msg === 'broker connected');
    assert.equal(reconnects.length, 2, 'one process, connected twice');
    assert.ok(reconnects.every((line) => line.pid === app!.pid && line.service === 'order-service'));
  });

  it('starts while the broker is unreachable, answering 503 until it can connect', async () => {
    proxy = await startTcpProxy({ targetPort: 5672 });
    await proxy.cut();
    app = await startAppProcess({ entry: orderService, env: env({ RABBITMQ_URL: `amqp://guest:guest@127.0.0.1:${proxy.port}` }) });
    const down = await httpGet(`${app.url}/health`);
    assert.equal(down.status, 503);
    assert.deepEqual(down.json, { status: 'unavailable', checks: { broker: false, store: true } });
    await proxy.restore();
    await pollHttp(`${app.url}/health`, healthy);
  });

  it('exits 0 on SIGTERM after finishing the request in flight, with the store file written under DATA_DIR', async () => {
    app = await startAppProcess({ entry: fixture, env: env({ RABBITMQ_URL: brokerUrl, FIXTURE_SLOW_MS: '700', SHUTDOWN_TIMEOUT_MS: '8000' }) });
    await pollHttp(`${app.url}/health`, healthy);
    const slow = httpGet(`${app.url}/slow`);
    await waitForLog(app, 'slow request started');
    app.signal('SIGTERM');
    const answer = await slow;
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { finished: true });
    const exit = await app.stop(15_000);
    assert.deepEqual(exit, { code: 0, signal: null }, app.stdout() + app.stderr());
    const messages = app.logLines().map((line) => line.msg);
    assert.ok(messages.includes('shutting down') && messages.includes('stopped'), messages.join(' | '));
    assert.deepEqual(readdirSync(dataDir), ['fixture-worker.sqlite']);
  });

  it('exits 0 on SIGTERM: a real app', async () => {
    app = await startAppProcess({ entry: orderService, env: env({ RABBITMQ_URL: brokerUrl }) });
    await pollHttp(`${app.url}/health`, healthy);
    app.signal('SIGTERM');
    assert.deepEqual(await app.stop(15_000), { code: 0, signal: null }, app.stdout() + app.stderr());
  });

  it('exits 1 naming the step that hung when shutdown overruns SHUTDOWN_TIMEOUT_MS', async () => {
    app = await startAppProcess({ entry: fixture, env: env({ RABBITMQ_URL: brokerUrl, FIXTURE_HANG_ON_STOP: 'true', SHUTDOWN_TIMEOUT_MS: '500' }) });
    app.signal('SIGTERM');
    assert.deepEqual(await app.stop(15_000), { code: 1, signal: null }, app.stdout() + app.stderr());
    const timedOut = app.logLines().find((line) => /shutdown timed out/.test(String(line.msg)));
    assert.ok(timedOut, app.stdout());
    assert.equal(timedOut.step, 'stop hook');
    assert.equal(timedOut.level, 'error');
  });

  it('is killed by the watchdog thread, naming the step, when a hook starves the event loop during shutdown', async () => {
    app = await startAppProcess({ entry: fixture, env: env({ RABBITMQ_URL: brokerUrl, FIXTURE_SPIN_ON_STOP: 'true', SHUTDOWN_TIMEOUT_MS: '500' }) });
    app.signal('SIGTERM');
    assert.deepEqual(await app.stop(15_000), { code: null, signal: 'SIGKILL' });
    const killed = app.logLines().find((line) => /event loop is unresponsive/.test(String(line.msg)));
    assert.ok(killed, `the watchdog, not the test's fallback SIGKILL, must have ended it:\n${app.stdout()}`);
    assert.equal(killed.step, 'stop hook');
    assert.equal(killed.service, 'fixture-worker');
  });

  const invalidEnvironments: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /^order-service: Invalid configuration: PORT must be an integer between 0 and 65535, got "eighty"$/],
    [{ RABBITMQ_URL: 'http://localhost:5672' }, /^order-service: Invalid configuration: RABBITMQ_URL must use amqp:\/\/ or amqps:\/\//],
    [{ SHUTDOWN_TIMEOUT_MS: '0' }, /^order-service: Invalid configuration: SHUTDOWN_TIMEOUT_MS must be an integer between 1 and/],
  ];
  for (const [bad, expected] of invalidEnvironments) {
    it(`refuses to start with ${Object.keys(bad)[0]}=${Object.values(bad)[0]}: one line on stderr, exit ${configErrorExitCode}, nothing opened`, async () => {
      const result = await runAppProcessToExit({ entry: orderService, env: env(bad) });
      assert.equal(result.code, configErrorExitCode, result.stderr);
      const lines = result.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, expected);
      assert.equal(result.stdout, '');
      assert.deepEqual(readdirSync(dataDir), [], 'no store file may be created');
    });
  }
});
