// `nx run contracts:compat`: fails when a released schema changed incompatibly (see src/compat).
import { loadCatalogue } from '../catalogue';
import { checkAgainstLock, readSchemaLock } from '../compat/schema-lock';

const report = checkAgainstLock(loadCatalogue(), readSchemaLock());
for (const id of report.unreleased) console.log(`unreleased (not checked): ${id}`);
if (report.breaks.length > 0) {
  console.error('Backward-incompatible schema changes; add a new version file instead (see libs/contracts/README.md):');
  for (const line of report.breaks) console.error(`  ${line}`);
  process.exit(1);
}
console.log('schemas are backward compatible with their released forms');
