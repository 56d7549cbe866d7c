#!/usr/bin/env node
// Runs one test tier of one project: `node tools/mocha/run.mjs <projectRoot> <spec|integration|e2e>`.
// Tiers are told apart by file suffix (*.spec.ts, *.integration.ts, *.e2e.ts) so they never mix.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [projectRoot, tier] = process.argv.slice(2);
if (!projectRoot || !['spec', 'integration', 'e2e'].includes(tier)) {
  console.error('usage: run.mjs <projectRoot> <spec|integration|e2e>');
  process.exit(2);
}
// Libraries and apps keep tests under src/; a tool project may keep several source folders side by side.
const sourceDir = existsSync(path.join(projectRoot, 'src')) ? path.join(projectRoot, 'src') : projectRoot;
const files = readdirSync(sourceDir, { recursive: true })
  .filter((file) => file.endsWith(`.${tier}.ts`) && !file.split(path.sep).includes('node_modules'))
  .map((file) => path.join(sourceDir, file))
  .sort();
if (files.length === 0) {
  console.error(`no *.${tier}.ts files under ${sourceDir}: this target has nothing to run`);
  process.exit(1);
}
const name = projectRoot.replaceAll('/', '_');
const result = path.join('tmp', 'test-results', `${name}.${tier}.json`);
const mocha = path.join('node_modules', 'mocha', 'bin', 'mocha.js');
rmSync(result, { force: true });
const run = spawnSync(
  process.execPath,
  [mocha, '--config', '.mocharc.cjs', '--reporter', 'tools/mocha/counting-reporter.cjs', ...files],
  { stdio: 'inherit', env: { ...process.env, TROUPE_TEST_RESULT: result } },
);
// A run that died before mocha's end event (an uncaught error, a signal) wrote no counts or stale ones: record it as
// a failure, so the total line never reads "0 failed" for a tier that did not finish.
const status = run.status ?? 1;
const counted = existsSync(result) ? JSON.parse(readFileSync(result, 'utf8')) : undefined;
if (status !== 0 && !(counted?.failures > 0)) {
  mkdirSync(path.dirname(result), { recursive: true });
  writeFileSync(result, JSON.stringify({ passes: counted?.passes ?? 0, failures: 1, pending: counted?.pending ?? 0, crashed: true }));
  console.error(`[mocha] ${projectRoot} ${tier}: the run ended with status ${status} before reporting a failure; counted as 1 failure`);
}
process.exit(status);
