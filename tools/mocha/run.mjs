#!/usr/bin/env node
// Runs one test tier of one project: `node tools/mocha/run.mjs <projectRoot> <spec|integration|e2e>`.
// Tiers are told apart by file suffix (*.spec.ts, *.integration.ts, *.e2e.ts) so they never mix.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const [projectRoot, tier] = process.argv.slice(2);
if (!projectRoot || !['spec', 'integration', 'e2e'].includes(tier)) {
  console.error('usage: run.mjs <projectRoot> <spec|integration|e2e>');
  process.exit(2);
}
const files = readdirSync(path.join(projectRoot, 'src'), { recursive: true })
  .filter((file) => file.endsWith(`.${tier}.ts`))
  .map((file) => path.join(projectRoot, 'src', file))
  .sort();
if (files.length === 0) {
  console.error(`no *.${tier}.ts files under ${projectRoot}/src: this target has nothing to run`);
  process.exit(1);
}
const name = projectRoot.replaceAll('/', '_');
const result = path.join('tmp', 'test-results', `${name}.${tier}.json`);
const mocha = path.join('node_modules', 'mocha', 'bin', 'mocha.js');
const run = spawnSync(
  process.execPath,
  [mocha, '--config', '.mocharc.cjs', '--reporter', 'tools/mocha/counting-reporter.cjs', ...files],
  { stdio: 'inherit', env: { ...process.env, TROUPE_TEST_RESULT: result } },
);
process.exit(run.status ?? 1);
