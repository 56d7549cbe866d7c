import assert from 'node:assert/strict';
import { expectStatus, listAllOrders, mapWithConcurrency, orderBody, orderSystemApps, request } from '@troupe/order-testing';
import { driveMixedLoad } from './drive-mixed-load';
import { useOrderSystem } from './use-order-system';

/** Reads one counter (summed over its label sets) from an instance's /metrics. */
async function counterOf(url: string, name: string): Promise<number> {
  const text = (await request(url, 'GET', '/metrics')).text;
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?)$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);
}

// MongoDB's withTransaction re-runs a transaction's function on a transient error (a write conflict, an election).
// No MongoDB server runs here, so every worker's SQLite store re-runs 30 % of its transactions the same way
// (STORE_FAULTS): anything claimed, collected, acked or published outside the session by an attempt that did not
// commit would show up as a lost delivery, a stalled consumer, a phantom order or a broken invariant.
describe('order system with a third of every store transaction re-run (STORE_FAULTS=rerun:0.3)', function () {
  this.timeout(300_000);
  const system = useOrderSystem({
    sagaDeadlineMs: 8_000,
    deadlineSweepIntervalMs: 250,
    instances: { 'inventory-service': 2, 'payment-service': 2 },
    env: Object.fromEntries(orderSystemApps().map(({ name }) => [name, { STORE_FAULTS: 'rerun:0.3' }])),
  });

  it('200 mixed orders keep every invariant; no phantom order, no stalled consumer', async () => {
    const sys = system();
    const ids = await driveMixedLoad(sys, 200, 'store-reruns');

    // Racing retries of one POST: the loser's transaction conflicts on the idempotency key, under re-runs too.
    const raced = await mapWithConcurrency(Array.from({ length: 10 }, (_, index) => index), 5, async (index) => {
      const body = orderBody({ customerId: `rerun-race-${index}` });
      const answers = await Promise.all([0, 1].map(() => sys.orders.place(body, { idempotencyKey: `rerun-race-${index}` })));
      for (const answer of answers) assert.ok([200, 201, 202].includes(answer.status), `${answer.status} ${answer.text}`);
      assert.equal(answers[0]!.body.orderId, answers[1]!.body.orderId, 'one order per key');
      return answers[0]!.body.orderId;
    });
    for (const orderId of raced) assert.equal((await sys.waitForTerminal(orderId)).status, 'CONFIRMED');

    // Every order the read side heard of (through order.created) exists at order-service: none was announced
    // by an attempt that rolled back.
    const known = new Set([...ids, ...raced]);
    const viewed = await listAllOrders(sys.orders);
    assert.deepEqual(viewed.map((order) => order.orderId).filter((id) => !known.has(id)), [], 'no order beyond those placed');
    const projected: string[] = [];
    for (let after: string | undefined, page = 0; page < 100; page += 1) {
      const answer = expectStatus(await sys.request<{ orders: Array<{ orderId: string }>; next?: string }>('order-view', 'GET', `/orders?limit=500${after ? `&after=${after}` : ''}`), [200], 'GET order-view /orders');
      projected.push(...answer.body.orders.map((order) => order.orderId));
      if (!answer.body.next) break;
      after = answer.body.next;
    }
    assert.equal(projected.length, known.size, 'the read model holds exactly the orders placed');
    assert.deepEqual(projected.filter((id) => !known.has(id)), [], 'no phantom order in the read model');

    for (const instance of sys.instances) {
      const injected = await counterOf(instance.process.url, 'troupe_store_faults_injected_total');
      assert.ok(injected > 0, `${instance.app}#${instance.index} injected re-runs (${injected})`);
      expectStatus(await request(instance.process.url, 'GET', '/health'), [200], `${instance.app}#${instance.index} /health`);
    }
    assert.equal(sys.exited().length, 0, 'no instance crashed');
  });
});
