// The totals `npm test` ends with, summed from the counts each tier's reporter wrote (tools/mocha/counting-reporter.cjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Sums every `<project>.<tier>.json` in the results directory; a tier that crashed is named among the failed. */
export function readTotals(resultsDir) {
  const sum = { passes: 0, failures: 0, pending: 0, runs: 0, failed: [] };
  if (!existsSync(resultsDir)) return sum;
  for (const file of readdirSync(resultsDir).sort()) {
    const counts = JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8'));
    sum.passes += counts.passes;
    sum.failures += counts.failures;
    sum.pending += counts.pending;
    sum.runs += 1;
    for (const test of counts.failed ?? []) sum.failed.push(test);
    if (counts.crashed) sum.failed.push({ title: `${file.replace(/\.json$/, '')}: the run ended before reporting a failure` });
  }
  return sum;
}

/**
 * The last lines of `npm test`: each failed test by its full title, file and first error line (a CI log is read
 * from its tail, far below the failure), the pending count, and `tests: N passed, N failed` last.
 */
export function totalLines(sum, { nxFailed }) {
  const lines = [];
  if (nxFailed && sum.failures === 0) {
    lines.push('[test] a task failed outside the test counts (lint, typecheck, or a test run that crashed): see above');
  }
  for (const test of sum.failed) {
    lines.push(`[test] failed: ${test.title}${test.file ? ` (${test.file})` : ''}${test.error ? ` — ${test.error}` : ''}`);
  }
  if (sum.pending > 0) lines.push(`[test] ${sum.pending} pending test(s), each titled with its reason above`);
  lines.push(`tests: ${sum.passes} passed, ${sum.failures} failed`);
  return lines;
}
