import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTotals, totalLines } from './test-totals.mjs';

// The end of `npm test`: the counting reporter (tools/mocha) writes each tier's counts, test-totals sums them.
describe('npm test: the totals at the end', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'troupe-totals-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function runFixture(name: string, body: string): number {
    const file = path.join(dir, `${name}.cjs`);
    writeFileSync(file, body);
    const run = spawnSync(
      process.execPath,
      [path.join('node_modules', 'mocha', 'bin', 'mocha.js'), '--reporter', 'tools/mocha/counting-reporter.cjs', file],
      { env: { ...process.env, TROUPE_TEST_RESULT: path.join(dir, 'results', `${name}.spec.json`) }, encoding: 'utf8' },
    );
    return run.status ?? 1;
  }

  it('names each failed test with its file and first error line just above the total line', () => {
    const status = runFixture(
      'fixture',
      `const assert = require('node:assert/strict');
       describe('a suite', () => {
         it('passes', () => {});
         it('breaks', () => assert.equal(1, 2, 'one is not two\\nsecond line'));
         it('waits for a body (a test without one is pending)');
       });`,
    );
    assert.equal(status, 1);
    const sum = readTotals(path.join(dir, 'results'));
    assert.equal(sum.passes, 1);
    assert.equal(sum.failures, 1);
    assert.equal(sum.pending, 1);
    const lines = totalLines(sum, { nxFailed: true });
    assert.match(lines[0], /^\[test\] failed: a suite breaks \(.*fixture\.cjs\) — one is not two$/);
    assert.equal(lines.at(-1), 'tests: 1 passed, 1 failed');
  });

  it('counts a tier that crashed before reporting as a failure, by its name, and says so when only a task failed', () => {
    const results = path.join(dir, 'results');
    runFixture('green', `describe('fine', () => it('passes', () => {}));`);
    writeFileSync(path.join(results, 'apps_x.integration.json'), JSON.stringify({ passes: 2, failures: 1, pending: 0, crashed: true }));
    const sum = readTotals(results);
    assert.deepEqual(totalLines(sum, { nxFailed: true }), [
      '[test] failed: apps_x.integration: the run ended before reporting a failure',
      'tests: 3 passed, 1 failed',
    ]);
    const onlyTaskFailed = { passes: 1, failures: 0, pending: 0, runs: 1, failed: [] };
    assert.equal(totalLines(onlyTaskFailed, { nxFailed: true })[0].startsWith('[test] a task failed outside the test counts'), true);
  });
});
