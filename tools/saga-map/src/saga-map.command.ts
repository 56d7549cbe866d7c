// `troupe saga-map [--check] [--doc <file>]`, also behind `nx run saga-map:generate|check`. Exit 0: every rule holds
// (and, with --check, the doc is current); 1: a rule is broken or the doc is stale; 2: usage error.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { referenceManifests } from '@troupe/contracts';
import { checkSagaMap } from './check-saga-map';
import { renderSagaMapDoc, sagaMapDocPath } from './render-saga-map-doc';
import { referenceSagaMapOptions } from './saga-map-options';
import { formatViolation } from './violation';

export const summary = 'check the choreography rules over the manifests and write (or --check) docs/saga-map.md';

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, doc: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: troupe saga-map [--check] [--doc <file>]`);
    return 2;
  }
  const file = values.doc ?? path.join(__dirname, '..', '..', '..', sagaMapDocPath);
  const shown = path.relative(process.cwd(), file) || file;
  const violations = checkSagaMap(referenceManifests, referenceSagaMapOptions);
  if (violations.length > 0) {
    console.error(`saga map: ${violations.length} rule violation(s) in the manifests:`);
    for (const violation of violations) console.error(`  ${formatViolation(violation)}`);
    return 1;
  }
  const rendered = renderSagaMapDoc(referenceManifests, referenceSagaMapOptions);
  if (!values.check) {
    writeFileSync(file, rendered);
    console.log(`saga map: every rule holds; wrote ${shown}`);
    return 0;
  }
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (committed !== rendered) {
    console.error(`${shown} is stale: run nx run saga-map:generate`);
    return 1;
  }
  console.log(`saga map: every rule holds and ${shown} is up to date`);
  return 0;
}
