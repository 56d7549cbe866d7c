// `troupe saga-map [--check] [--doc <file>]`, also behind `nx run saga-map:generate|check`. Exit 0: every rule holds
// (and, with --check, the doc is current); 1: a rule is broken or the doc is stale; 2: usage error.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { referenceManifests } from '@troupe/order-catalogue';
import { checkSagaMap } from './check-saga-map';
import { embedInReadme, renderReadmeBlock } from './readme-block';
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
  const violations = checkSagaMap(referenceManifests, referenceSagaMapOptions);
  if (violations.length > 0) {
    console.error(`saga map: ${violations.length} rule violation(s) in the manifests:`);
    for (const violation of violations) console.error(`  ${formatViolation(violation)}`);
    return 1;
  }
  // The README embeds the saga part of the map; an explicit --doc (tests, other docs) leaves the README alone.
  const outputs: Array<{ file: string; render: (current: string) => string }> = [{ file, render: () => renderSagaMapDoc(referenceManifests, referenceSagaMapOptions) }];
  if (!values.doc) {
    const block = renderReadmeBlock(referenceManifests);
    outputs.push({ file: path.join(__dirname, '..', '..', '..', 'README.md'), render: (current) => embedInReadme(current, block) });
  }
  let stale = 0;
  for (const output of outputs) {
    const name = path.relative(process.cwd(), output.file) || output.file;
    let committed = '';
    try {
      committed = readFileSync(output.file, 'utf8');
    } catch {
      // A missing file is stale too.
    }
    let rendered: string;
    try {
      rendered = output.render(committed);
    } catch (error) {
      console.error(`${name}: ${(error as Error).message}`);
      return 1;
    }
    if (!values.check) {
      if (rendered !== committed) writeFileSync(output.file, rendered);
      console.log(`saga map: every rule holds; wrote ${name}`);
    } else if (committed !== rendered) {
      console.error(`${name} is stale: run nx run saga-map:generate`);
      stale += 1;
    }
  }
  if (values.check && stale === 0) console.log(`saga map: every rule holds and ${outputs.map((o) => path.relative(process.cwd(), o.file)).join(', ')} are up to date`);
  return stale > 0 ? 1 : 0;
}
