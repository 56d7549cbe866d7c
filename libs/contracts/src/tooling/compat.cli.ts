// A catalogue's `compat` target: fails when a released schema changed incompatibly (see src/compat).
import path from 'node:path';
import { loadCatalogue } from '../catalogue';
import { checkAgainstLock, readSchemaLock, schemaLockFileOf } from '../compat/schema-lock';
import { catalogueRootArgument } from './catalogue-library';

const root = catalogueRootArgument('compat');
const report = checkAgainstLock(loadCatalogue(path.join(root, 'src', 'schemas')), readSchemaLock(schemaLockFileOf(root)));
for (const id of report.unreleased) console.log(`unreleased (not checked): ${id}`);
if (report.breaks.length > 0) {
  console.error('Backward-incompatible schema changes; add a new version file instead (see libs/contracts/README.md):');
  for (const line of report.breaks) console.error(`  ${line}`);
  process.exit(1);
}
console.log('schemas are backward compatible with their released forms');
