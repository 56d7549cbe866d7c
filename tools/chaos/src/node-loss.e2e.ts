import assert from 'node:assert/strict';
import { clusterRunning, stopLocalCluster } from './cluster-control';
import { consumerRecoveryBoundMs, parseChaosOptions } from './options';
import { runChaos, type ChaosResult } from './run-chaos';

// Issue 16's acceptance on a local 3-node cluster (tools/infra/cluster.mjs, AMQP 5681–5683; the single broker on 5672,
// which other tests use, is not touched): 200 mixed orders while troupe-2 is stopped for 10 s and started again.
// Starts the cluster when it does not run, and then stops it again at the end.
describe('chaos: node loss on a 3-node cluster (200 mixed orders, troupe-2 stopped for 10 s)', function () {
  this.timeout(900_000);
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
  const log = (line: string) => console.log(`      [node-loss] ${line}`);
  let result: ChaosResult | undefined;
  let startedCluster = false;

  before(async function () {
    this.timeout(900_000);
    startedCluster = !(await clusterRunning(3, log));
    console.log(`      seed ${seed} (replay: npm run chaos -- --scenario node-loss --seed ${seed})${startedCluster ? '; no cluster runs, so this test starts one and stops it after' : ''}`);
    result = await runChaos(parseChaosOptions(['--scenario', 'node-loss', '--seed', String(seed)], {}), { log, shouldStop: () => false });
    console.log(result.report.replace(/^/gm, '      '));
    console.log(`      ${result.line}`);
  });

  after(async function () {
    this.timeout(300_000);
    if (startedCluster) await stopLocalCluster(log);
  });

  const run = () => {
    if (!result) throw new Error('the scenario did not run (see the before hook)');
    return result;
  };

  it('keeps every invariant and loses nothing', () => {
    assert.deepEqual(run().verdict.violations, []);
    assert.deepEqual(run().verdict.lostLines, []);
  });

  it(`has every queue's consumers back on surviving nodes within ${consumerRecoveryBoundMs / 1000} s of going away`, function () {
    const [loss] = run().figures.nodeLosses;
    assert.ok(loss, 'the node loss ran');
    const { lostAt, backAt, onLostNode } = loss.consumers;
    // Each worker connects to a random node first: now and then (about (2/3)^8 of runs) none picked troupe-2.
    if (onLostNode === 0) this.skip();
    assert.ok(lostAt !== undefined, `${onLostNode} consumers were on ${loss.node}, yet no poll saw a queue short of consumers`);
    assert.ok(backAt !== undefined, `consumers never came back: ${loss.consumers.short.join(', ')}`);
    const gap = loss.consumers.longestGapMs;
    assert.ok(gap !== undefined && gap <= consumerRecoveryBoundMs, `the slowest queue had its consumers back after ${gap === undefined ? '?' : Math.round(gap)} ms (all of them ${Math.round(backAt - lostAt)} ms after the first went away)`);
  });

  it('ends at least 95 % of the orders as their input asked', () => {
    assert.ok(run().verdict.goodputPct >= 95, run().line);
  });
});
