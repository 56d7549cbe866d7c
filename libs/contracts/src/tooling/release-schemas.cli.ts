// `nx run contracts:release-schemas`: records the current schemas as released, after the compatibility gate passes.
import { existsSync } from 'node:fs';
import { loadCatalogue } from '../catalogue';
import { checkAgainstLock, readSchemaLock, schemaLockFile, writeSchemaLock } from '../compat/schema-lock';

const catalogue = loadCatalogue();
if (existsSync(schemaLockFile)) {
  const { breaks } = checkAgainstLock(catalogue, readSchemaLock());
  if (breaks.length > 0) {
    console.error('Refusing to release backward-incompatible changes:');
    for (const line of breaks) console.error(`  ${line}`);
    process.exit(1);
  }
}
writeSchemaLock(catalogue);
console.log(`released ${catalogue.length} schemas into ${schemaLockFile}`);
