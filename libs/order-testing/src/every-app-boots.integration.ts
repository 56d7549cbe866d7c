import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleteBrokerNamespace, httpGet, pollHttp, startAppProcess, workspaceRoot, type AppProcess } from '@troupe/testing';
import { workerApps } from './apps';

describe('every worker in apps/ boots on the chassis (real processes, real broker)', function () {
  this.timeout(120_000);
  // The workspace's list, as npm start, the test kits and the benches read it: a new app is covered without an edit.
  const apps = workerApps();
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

  it('finds every project tagged type:app, each with its own serve port and a src/main.ts', () => {
    // apps/ also holds test projects (order-e2e, order-contracts: type:e2e) that do not serve.
    const root = workspaceRoot();
    const tagged = readdirSync(path.join(root, 'apps'))
      .map((dir) => path.join(root, 'apps', dir, 'project.json'))
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { name: string; tags?: string[] })
      .filter((project) => project.tags?.includes('type:app'))
      .map((project) => project.name);
    assert.ok(apps.length > 0, 'no app with a serve target under apps/');
    assert.deepEqual(apps.map((app) => app.name).sort(), tagged.sort());
    assert.equal(new Set(apps.map((app) => app.port)).size, apps.length, `two apps share a serve port: ${JSON.stringify(apps)}`);
    for (const app of apps) assert.ok(existsSync(path.join(root, app.entry)), `${app.name}: no ${app.entry}`);
  });

  it('starts each one healthy with its own store file, serves /metrics labelled with its name, and stops with exit 0', async () => {
    for (const app of apps) {
      running.push(await startAppProcess({ entry: app.entry, env: { DATA_DIR: dataDir, RABBITMQ_PREFIX: prefix } }));
    }
    for (const [index, app] of running.entries()) {
      const health = await pollHttp(`${app.url}/health`, (result) => result.status === 200);
      assert.deepEqual(health.json, { status: 'ok', checks: { broker: true, store: true } });
      const metrics = await httpGet(`${app.url}/metrics`);
      assert.match(metrics.text, new RegExp(`^process_start_time_seconds\\{service="${apps[index]!.name}"\\}`, 'm'));
    }
    assert.deepEqual(readdirSync(dataDir).filter((file) => file.endsWith('.sqlite')).sort(), apps.map((app) => `${app.name}.sqlite`).sort());
    const exits = await Promise.all(running.map((app) => app.stop(15_000)));
    assert.deepEqual(exits, apps.map(() => ({ code: 0, signal: null })));
  });
});
