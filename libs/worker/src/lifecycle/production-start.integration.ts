import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleEvent } from '@troupe/order-catalogue/testing';
// Test-only: the chassis never depends on the testing lib at runtime; its process helpers are fine in tests.
import { buildApps, deleteBrokerNamespace, httpGet, pollHttp, runAppProcessToExit, startAppProcess, waitFor, type AppProcess } from '@troupe/testing';
import { openEventBus, type EventBus } from '../testing/event-bus';

const app = 'analytics-service';
// What `npm run worker -- <app>` runs: the build, on plain node, in this one process.
const worker = { entry: 'tools/infra/worker.mjs', args: [app] };

async function consumed(url: string, event: string): Promise<number> {
  const text = (await httpGet(`${url}/metrics`)).text;
  const match = new RegExp(`^troupe_messages_consumed_total\\{[^}]*event="${event.replaceAll('.', '\\.')}"[^}]*\\} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

describe('the production start: `npm run worker -- <app>` on the build (real broker, real processes)', function () {
  this.timeout(90_000);
  const prefix = `test-prodstart-${process.pid}-${Date.now()}.`;
  let dataDir: string;
  let bus: EventBus;
  let running: AppProcess | undefined;

  before(async () => {
    buildApps(app);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-prodstart-'));
    bus = await openEventBus(prefix);
  });
  after(async () => {
    await running?.stop(2_000);
    await bus?.close();
    await deleteBrokerNamespace(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = () => ({ DATA_DIR: dataDir, RABBITMQ_PREFIX: prefix });
  const healthy = (result: { status: number }) => result.status === 200;

  it('refuses an unknown app with exit 2, naming the apps it knows', async () => {
    const exit = await runAppProcessToExit({ entry: worker.entry, args: ['no-such-service'], env: env() });
    assert.equal(exit.code, 2);
    assert.match(exit.stderr, /unknown app "no-such-service"/);
    assert.match(exit.stderr, /order-service, .*reconciler/);
  });

  it('answers /health 200 and consumes; after a SIGKILL, started again, it does both again and stops with exit 0', async () => {
    running = await startAppProcess({ ...worker, env: env() });
    const health = await pollHttp(`${running.url}/health`, healthy);
    assert.deepEqual(health.json, { status: 'ok', checks: { broker: true, store: true } });
    // One process: the worker runs in the very process started, so a SIGKILL to it leaves nothing behind.
    assert.ok(running.logLines().some((line) => line.msg === 'configuration' && line.pid === running!.pid));
    await bus.publish(sampleEvent('order.created', { orderId: randomUUID() }));
    await waitFor(async () => ((await consumed(running!.url, 'order.created')) === 1 ? true : undefined), { what: 'the first order.created consumed' });

    running.signal('SIGKILL');
    assert.deepEqual(await running.exited, { code: null, signal: 'SIGKILL' });
    // Published while it is down: waits in its queue for the restart.
    await bus.publish(sampleEvent('order.created', { orderId: randomUUID() }));
    running = await startAppProcess({ ...worker, env: env() });
    await pollHttp(`${running.url}/health`, healthy);
    await waitFor(async () => ((await consumed(running!.url, 'order.created')) === 1 ? true : undefined), { what: 'the backlog order.created consumed after the restart' });

    assert.deepEqual(await running.stop(15_000), { code: 0, signal: null });
    running = undefined;
  });
});
