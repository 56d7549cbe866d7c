import assert from 'node:assert/strict';
import { runChaos, type ChaosResult } from './run-chaos';
import { shortScenario } from './scenario';

// The chaos suite's short scenario, so CI guards it: one fault of each kind over ~100 orders on the real system.
// It restarts the shared broker, so `npm test` runs it alone, after every other target (tools/infra/test.mjs).
describe('chaos: short scenario (one fault of each kind, ~100 orders)', function () {
  this.timeout(600_000);
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
  let result: ChaosResult | undefined;

  before(async function () {
    this.timeout(600_000);
    console.log(`      chaos seed ${seed} (replay with CHAOS_SEED=${seed}, or the full suite: npm run chaos -- --seed ${seed})`);
    result = await runChaos(shortScenario(seed, process.env), { log: (line) => console.log(`      [chaos] ${line}`), shouldStop: () => false });
    console.log(result.report.replace(/^/gm, '      '));
    console.log(`      ${result.line}`);
  });

  const run = () => {
    if (!result) throw new Error('the scenario did not run (see the before hook)');
    return result;
  };

  it('ran every fault of its schedule', () => {
    assert.deepEqual(run().verdict.violations.filter((line) => line.startsWith('fault did not run')), []);
  });

  it('keeps every invariant, with no second effect of a duplicate and no unexpected dead letter', () => {
    assert.deepEqual(run().verdict.violations, []);
  });

  it('loses nothing: consumer queues drained, every poison message in the DLQ of every service it reached', () => {
    assert.deepEqual(run().verdict.lostLines, []);
    assert.equal(run().verdict.lost, 0);
  });

  it('ends at least 95 % of the orders as their input asked', () => {
    assert.ok(run().verdict.goodputPct >= 95, run().line);
  });
});
