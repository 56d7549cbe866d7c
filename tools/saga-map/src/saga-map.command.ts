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

export const help = `usage: troupe saga-map [--check] [--doc <file>]

Builds the choreography from the services' manifests (libs/order-catalogue/src/manifests), checks its rules (no
cycles, no event nobody produces or consumes, a compensation for every forward step, no conflicting reactions) and
writes docs/saga-map.md and the saga block of README.md.

  --check       change nothing: exit 1 when a rule is broken or a written file is stale (what CI runs)
  --doc <file>  write (or check) this file instead of docs/saga-map.md, and leave README.md alone
  -h, --help    this text

examples:
  troupe saga-map                      # after editing a manifest (also: npx nx run saga-map:generate)
  troupe saga-map --check              # also: npx nx run saga-map:check
  troupe saga-map --doc /tmp/map.md    # render elsewhere, e.g. to diff

exit codes: 0 every rule holds (and, with --check, the files are current) · 1 a rule is broken or a file is stale · 2 usage error`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, doc: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`troupe saga-map: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    console.log(help);
    return 0;
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
      console.error(`${name} is stale: run npx nx run saga-map:generate`);
      stale += 1;
    }
  }
  if (values.check && stale === 0) console.log(`saga map: every rule holds and ${outputs.map((o) => path.relative(process.cwd(), o.file)).join(', ')} are up to date`);
  return stale > 0 ? 1 : 0;
}
