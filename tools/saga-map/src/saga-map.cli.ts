// `nx run saga-map:generate` writes docs/saga-map.md; `nx run saga-map:check` fails when a rule is broken or the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { referenceManifests } from '@troupe/contracts';
import { checkSagaMap } from './check-saga-map';
import { renderSagaMapDoc, sagaMapDocPath } from './render-saga-map-doc';
import { referenceSagaMapOptions } from './saga-map-options';
import { formatViolation } from './violation';

const file = path.join(__dirname, '..', '..', '..', sagaMapDocPath);
const violations = checkSagaMap(referenceManifests, referenceSagaMapOptions);
if (violations.length > 0) {
  console.error(`saga map: ${violations.length} rule violation(s) in the manifests:`);
  for (const violation of violations) console.error(`  ${formatViolation(violation)}`);
  process.exit(1);
}
const rendered = renderSagaMapDoc(referenceManifests, referenceSagaMapOptions);
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (committed !== rendered) {
    console.error(`${sagaMapDocPath} is stale: run nx run saga-map:generate`);
    process.exit(1);
  }
  console.log(`saga map: every rule holds and ${sagaMapDocPath} is up to date`);
} else {
  writeFileSync(file, rendered);
  console.log(`saga map: every rule holds; wrote ${sagaMapDocPath}`);
}
