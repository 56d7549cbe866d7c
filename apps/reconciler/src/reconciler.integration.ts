import { waitFor } from '@troupe/testing';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { buildTopology } from '@troupe/messaging';
import { deleteTopologies } from '@troupe/messaging/testing';
import { startWorker, type RunningWorker } from '@troupe/worker';
import { adminHeaders, testAdminToken } from '@troupe/worker/testing';
import type { RunSummary } from './status/run-summary';
import type { RunReport } from './run/run-report';
import { FakeServices } from './testing/fake-services';
import { agreeingView, anOrder } from './testing/order-fixtures';
import { reconcilerWorker } from './worker';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';
const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

const until = <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20000): Promise<T> => waitFor(probe, { what, timeoutMs });

describe('reconciler against fake order-service, order-view and analytics on loopback', function () {
  this.timeout(90_000);
  const prefix = `test-reconciler-${process.pid}-${Date.now()}.`;
  let fakes: FakeServices;
  const workers: RunningWorker[] = [];
  let dataDir: string;

  const start = async (extra: Record<string, string> = {}) => {
    const worker = await startWorker(reconcilerWorker, {
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        RABBITMQ_URL: brokerUrl,
        RABBITMQ_PREFIX: prefix,
        ORDER_SERVICE_URL: fakes.urls.orderService,
        ORDER_VIEW_URL: fakes.urls.orderView,
        ANALYTICS_URL: fakes.urls.analytics,
        RECONCILE_INTERVAL_MS: '3600000', // runs are triggered with POST /runs unless a test says otherwise
        RECONCILE_GRACE_MS: '1000',
        RECONCILE_PAGE_SIZE: '7',
        ADMIN_TOKEN: testAdminToken,
        ...extra,
      },
      logDestination: silent(),
    });
    workers.push(worker);
    return worker;
  };
  const stopAll = async () => {
    for (const worker of workers.splice(0)) await worker.stop();
  };
  const runNow = async (worker: RunningWorker): Promise<RunReport> => {
    const response = await fetch(`${worker.url}/runs`, { method: 'POST', headers: adminHeaders() });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as RunReport;
  };
  const status = async (worker: RunningWorker) => (await (await fetch(`${worker.url}/status`)).json()) as RunSummary;

  const id = (i: number) => `order-${String(i).padStart(2, '0')}`;

  /** 30 orders changed a minute ago; 5 view rows deleted, 4 corrupted; 3 wrong outcomes and 2 missing lines in analytics; 1 stuck saga. */
  function seedDrift() {
    const minuteAgo = Date.now() - 60_000;
    for (let i = 0; i < 30; i++) {
      const status = i === 29 ? 'PENDING' : ['CONFIRMED', 'REJECTED', 'CANCELLED'][i % 3]!;
      const order = anOrder(id(i), new Date(minuteAgo + i * 100).toISOString(), {
        status,
        ...(status === 'CANCELLED' ? { reason: 'payment_declined' } : {}),
        // The PENDING one passed its deadline ten minutes ago: order-service's sweeper should have ended it.
        deadline: new Date(Date.now() - 600_000).toISOString(),
      });
      fakes.records.set(order.orderId, order);
      fakes.views.set(order.orderId, agreeingView(order));
      if (status !== 'PENDING') fakes.lines.set(order.orderId, { orderId: order.orderId, outcome: status, total: order.total });
    }
    for (const i of [0, 5, 10, 15, 20]) fakes.views.delete(id(i));
    const corrupt = (orderId: string, change: object) => fakes.views.set(orderId, { ...fakes.views.get(orderId)!, ...change });
    corrupt(id(1), { status: 'PENDING' });
    corrupt(id(2), { total: 1.23 });
    corrupt(id(3), { version: 1 });
    corrupt(id(4), { items: [] });
    // 6 is CONFIRMED, 7 REJECTED, 8 CANCELLED.
    for (const [i, outcome] of [[6, 'REJECTED'], [7, 'CONFIRMED'], [8, 'CONFIRMED']] as const) fakes.lines.set(id(i), { ...fakes.lines.get(id(i))!, outcome });
    fakes.lines.delete(id(11));
    fakes.lines.delete(id(13));
  }

  // Each test has its own fake services and its own reconciler store.
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-reconciler-'));
    fakes = new FakeServices(testAdminToken);
    await fakes.start();
  });
  afterEach(async () => {
    await stopAll();
    await fakes.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  after(() => deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'reconciler', consumes: [] })]));

  it('takes POST /runs from an operator only (401 without the admin token, 403 with another) and repairs with its token', async () => {
    seedDrift();
    const worker = await start();
    assert.equal((await fetch(`${worker.url}/runs`, { method: 'POST' })).status, 401);
    assert.equal((await fetch(`${worker.url}/runs`, { method: 'POST', headers: adminHeaders('not-the-admin-token-0000') })).status, 403);
    assert.equal(fakes.viewPuts.length, 0);
    const report = await runNow(worker);
    assert.equal(report.repaired, 14, 'every repair PUT carried the token (the fakes answer 401 otherwise)');
    assert.equal(fakes.viewPuts.length + fakes.analyticsPuts.length, 14);
  });

  it('repairs the drift, reports it in /status and /metrics, reads only changes on the next run, and resumes after a restart', async () => {
    seedDrift();
    let worker = await start();

    const first = await runNow(worker);
    const expectedDrift = 5 + 4 + 3 + 2;
    assert.equal(fakes.feedRowsServed, 30);
    assert.equal(first.rowsCompared, 30);
    assert.equal(first.driftFound, expectedDrift);
    assert.equal(first.repaired, expectedDrift);
    assert.equal(first.errors, 0);
    assert.deepEqual(first.stuckOrderIds, ['order-29']);
    for (const [orderId, order] of fakes.records) {
      const view = fakes.views.get(orderId)!;
      assert.deepEqual({ status: view.status, total: view.total, version: view.version, items: view.items }, { status: order.status, total: order.total, version: order.version, items: order.items }, orderId);
      if (order.status !== 'PENDING') assert.deepEqual(fakes.lines.get(orderId), { orderId, outcome: order.status, total: order.total }, orderId);
    }
    assert.deepEqual(fakes.views.get('order-01')!.timeline, agreeingView(fakes.records.get('order-01')!).timeline, 'a repaired row keeps its timeline');

    const afterFirst = await status(worker);
    assert.deepEqual(afterFirst.lastRun && { ...afterFirst.lastRun, startedAt: '', finishedAt: '' }, {
      startedAt: '', finishedAt: '', rowsRead: 30, rowsCompared: 30, driftFound: expectedDrift, repaired: expectedDrift, errors: 0,
    });
    assert.deepEqual(afterFirst.totals, { runs: 1, rowsCompared: 30, driftFound: expectedDrift, repaired: expectedDrift });
    assert.deepEqual(afterFirst.stuckSagas, { count: 1, orderIds: ['order-29'] });
    assert.equal(afterFirst.cursor?.after, 'order-29');

    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    assert.match(metrics, /^troupe_reconciler_rows_compared_total\{service="reconciler"\} 30$/m);
    assert.match(metrics, new RegExp(`^troupe_reconciler_repaired_total\\{service="reconciler"\\} ${expectedDrift}$`, 'm'));
    assert.match(metrics, /^troupe_reconciler_stuck_sagas\{service="reconciler"\} 1$/m);
    assert.match(metrics, /^troupe_reconciler_drift_found_total\{target="order-view",kind="missing",service="reconciler"\} 5$/m);
    assert.match(metrics, /^troupe_reconciler_runs_total\{result="completed",service="reconciler"\} 1$/m);
    assert.match(metrics, /^troupe_reconciler_run_duration_seconds_count\{service="reconciler"\} 1$/m);

    // Three orders change (settled, past the cursor); one of them also drifted in the view.
    fakes.feedRowsServed = 0;
    const putsBefore = fakes.viewPuts.length;
    const twoSecondsAgo = new Date(Date.now() - 2_000).toISOString();
    for (const orderId of ['order-03', 'order-12', 'order-29']) {
      const order = fakes.records.get(orderId)!;
      fakes.records.set(orderId, { ...order, status: orderId === 'order-29' ? 'CANCELLED' : order.status, reason: orderId === 'order-29' ? 'timed_out' : order.reason, version: order.version + 1, updatedAt: twoSecondsAgo });
      if (orderId !== 'order-12') fakes.views.set(orderId, { ...fakes.views.get(orderId)!, version: order.version + 1, status: fakes.records.get(orderId)!.status, reason: fakes.records.get(orderId)!.reason });
    }
    const second = await runNow(worker);
    assert.equal(fakes.feedRowsServed, 3, 'only rows changed since the cursor are read');
    assert.equal(second.rowsCompared, 3);
    assert.equal(second.driftFound, 2, 'order-12 stale in the view, order-29 missing in analytics');
    assert.deepEqual(fakes.viewPuts.slice(putsBefore), ['order-12']);
    assert.deepEqual(second.stuckOrderIds, []);
    assert.deepEqual((await status(worker)).totals, { runs: 2, rowsCompared: 33, driftFound: expectedDrift + 2, repaired: expectedDrift + 2 });

    // A restart resumes at the stored cursor: nothing changed, nothing is read again.
    await stopAll();
    fakes.feedRowsServed = 0;
    worker = await start();
    const third = await runNow(worker);
    assert.equal(fakes.feedRowsServed, 0);
    assert.equal(third.rowsCompared, 0);
    assert.equal((await status(worker)).totals.runs, 3);
  });

  it('runs on its own every interval, and two instances on one store never run the same tick', async () => {
    // Changed just now: judged only once the grace window has passed.
    const changed = new Date().toISOString();
    for (let i = 0; i < 5; i++) {
      const order = anOrder(`late-${i}`, changed, { version: 9 });
      fakes.records.set(order.orderId, order);
    }
    const putsBefore = fakes.viewPuts.length;
    const a = await start({ RECONCILE_INTERVAL_MS: '400' });
    const b = await start({ RECONCILE_INTERVAL_MS: '400' });
    const comparedBefore = (await status(a)).totals.rowsCompared;
    const latePuts = () => fakes.viewPuts.slice(putsBefore).filter((orderId) => orderId.startsWith('late-'));

    const wakeUps = async (worker: RunningWorker) => {
      const text = await (await fetch(`${worker.url}/metrics`)).text();
      return [...text.matchAll(/^troupe_reconciler_runs_total\{result="([^"]+)",service="reconciler"\} (\d+)$/gm)].map(([, result, n]) => ({ result: result!, n: Number(n) }));
    };
    const all = await until(async () => {
      const seen = [...(await wakeUps(a)), ...(await wakeUps(b))];
      const total = seen.reduce((sum, { n }) => sum + n, 0);
      return latePuts().length >= 5 && total >= 8 ? seen : undefined;
    }, 'the late rows repaired and both instances woken several times');

    const count = (results: string[]) => all.filter(({ result }) => results.includes(result)).reduce((sum, { n }) => sum + n, 0);
    assert.ok(count(['completed']) >= 1, JSON.stringify(all));
    assert.ok(count(['held', 'tick-already-run', 'lost-race']) >= 1, `each tick wakes both instances, only one may run it: ${JSON.stringify(all)}`);
    assert.deepEqual(latePuts().sort(), ['late-0', 'late-1', 'late-2', 'late-3', 'late-4'], 'each missing row repaired exactly once');
    assert.equal((await status(b)).totals.rowsCompared - comparedBefore, 5, 'each changed row judged once across both instances');
  });
});
