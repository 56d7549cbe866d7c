import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startWorker, type RunningWorker } from '@troupe/worker';
import { adminHeaders, testAdminToken } from '@troupe/worker/testing';
import { seedStockOnce } from '../stock/seed-stock-once';
import { stockRows } from '../stock/inventory-documents';
import { inventoryServiceWorker } from '../worker';

// No broker on purpose: seeding and the stock routes are store work only.
const unreachableBroker = 'amqp://guest:guest@127.0.0.1:9';

describe('inventory-service stock routes and seed (in-process, SQLite, no broker)', function () {
  this.timeout(30_000);
  let dataDir: string;
  let worker: RunningWorker;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'inventory-routes-'));
    worker = await startWorker(inventoryServiceWorker, {
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, RABBITMQ_URL: unreachableBroker, ADMIN_TOKEN: testAdminToken },
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
  });
  after(async () => {
    await worker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const put = (sku: string, payload: unknown, headers: Record<string, string> = adminHeaders()) =>
    worker.http.inject({ method: 'PUT', url: `/stock/${sku}`, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });

  it('takes PUT /stock/:sku from an operator only: 401 without the admin token, 403 with another, GET stays open', async () => {
    const before = (await worker.http.inject({ method: 'GET', url: '/stock/SKU-042' })).json();
    const anonymous = await put('SKU-042', { available: 1 }, {});
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['www-authenticate']), /^Bearer /);
    assert.equal((await put('SKU-042', { available: 1 }, adminHeaders('not-the-admin-token-0000'))).statusCode, 403);
    assert.equal((await put('SKU-042', 'not even a body', {})).statusCode, 401, 'the token is checked before the body');
    assert.deepEqual((await worker.http.inject({ method: 'GET', url: '/stock/SKU-042' })).json(), before, 'a refused recount changes nothing');
  });

  it('seeds SKU-001…SKU-100 with 1,000 each on first start', async () => {
    assert.equal(await worker.context.store.collection('stock').count(), 100);
    for (const sku of ['SKU-001', 'SKU-050', 'SKU-100']) {
      const response = await worker.http.inject({ method: 'GET', url: `/stock/${sku}` });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { sku, available: 1000, reserved: 0 });
    }
    assert.equal((await worker.http.inject({ method: 'GET', url: '/stock/SKU-101' })).statusCode, 404);
  });

  it('PUT sets available, keeps reserved, creates an unknown SKU', async () => {
    const rows = stockRows(worker.context.store);
    const row = (await rows.get('SKU-002'))!;
    await rows.update({ ...row, available: 990, reserved: 10 }, row.version!);
    const updated = await put('SKU-002', { available: 7 });
    assert.equal(updated.statusCode, 200);
    assert.deepEqual(updated.json(), { sku: 'SKU-002', available: 7, reserved: 10 });

    const created = await put('NEW-SKU', { available: 3 });
    assert.equal(created.statusCode, 200);
    assert.deepEqual((await worker.http.inject({ method: 'GET', url: '/stock/NEW-SKU' })).json(), { sku: 'NEW-SKU', available: 3, reserved: 0 });
  });

  it('PUT refuses anything but an integer ≥ 0, naming the field', async () => {
    for (const payload of [{ available: -1 }, { available: 1.5 }, { available: '5' }, {}, [3]]) {
      const response = await put('SKU-003', payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(response.json().fields.map((entry: { field: string }) => entry.field), ['available']);
    }
    assert.deepEqual((await worker.http.inject({ method: 'GET', url: '/stock/SKU-003' })).json(), { sku: 'SKU-003', available: 1000, reserved: 0 });
  });

  it('never seeds over existing stock (a restart keeps an operator\'s counts)', async () => {
    assert.equal(await seedStockOnce(worker.context.store), 0);
    assert.equal((await stockRows(worker.context.store).get('SKU-002'))!.available, 7);
  });
});
