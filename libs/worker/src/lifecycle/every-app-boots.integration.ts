import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Test-only: the chassis never depends on the testing lib at runtime; its process helpers are fine in tests.
import { deleteBrokerNamespace, httpGet, pollHttp, startAppProcess, workspaceRoot, type AppProcess } from '@troupe/testing';

describe('every app in apps/ boots on the chassis (real processes, real broker)', function () {
  this.timeout(120_000);
  // Projects tagged type:app are services; apps/ also holds test projects (order-e2e, type:e2e) that do not serve.
  const isApp = (name: string) => (JSON.parse(readFileSync(path.join(workspaceRoot(), 'apps', name, 'project.json'), 'utf8')) as { tags?: string[] }).tags?.includes('type:app') ?? false;
  const apps = readdirSync(path.join(workspaceRoot(), 'apps')).filter(isApp).sort();
  const prefix = `test-apps-${process.pid}-${Date.now()}.`;
  let dataDir: string;
  const running: AppProcess[] = [];

  before(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-apps-'));
  });
  after(async () => {
    await Promise.all(running.map((app) => app.stop(2_000)));
    await deleteBrokerNamespace(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the eight reference apps', () => {
    assert.deepEqual(apps, [
      'analytics-service',
      'inventory-service',
      'notification-service',
      'order-service',
      'order-view',
      'payment-service',
      'reconciler',
      'shipping-service',
    ]);
  });

  it('starts each one healthy with its own store file, serves /metrics labelled with its name, and stops with exit 0', async () => {
    for (const name of apps) {
      running.push(await startAppProcess({ entry: `apps/${name}/src/main.ts`, env: { DATA_DIR: dataDir, RABBITMQ_PREFIX: prefix } }));
    }
    for (const [index, app] of running.entries()) {
      const health = await pollHttp(`${app.url}/health`, (result) => result.status === 200);
      assert.deepEqual(health.json, { status: 'ok', checks: { broker: true, store: true } });
      const metrics = await httpGet(`${app.url}/metrics`);
      assert.match(metrics.text, new RegExp(`^process_start_time_seconds\\{service="${apps[index]}"\\}`, 'm'));
    }
    assert.deepEqual(readdirSync(dataDir).filter((file) => file.endsWith('.sqlite')).sort(), apps.map((name) => `${name}.sqlite`));
    const exits = await Promise.all(running.map((app) => app.stop(15_000)));
    assert.deepEqual(exits, apps.map(() => ({ code: 0, signal: null })));
  });
});
