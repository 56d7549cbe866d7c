// A catalogue's `release-schemas` target: records the current schemas as released, after the compatibility gate passes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../catalogue';
import { checkAgainstLock, readSchemaLock, schemaLockFileOf, writeSchemaLock } from '../compat/schema-lock';
import { catalogueRootArgument } from './catalogue-library';

const root = catalogueRootArgument('release-schemas');
const lockFile = schemaLockFileOf(root);
const catalogue = loadCatalogue(path.join(root, 'src', 'schemas'));
if (existsSync(lockFile)) {
  const { breaks } = checkAgainstLock(catalogue, readSchemaLock(lockFile));
  if (breaks.length > 0) {
    console.error('Refusing to release backward-incompatible changes:');
    for (const line of breaks) console.error(`  ${line}`);
    process.exit(1);
  }
}
writeSchemaLock(catalogue, lockFile);
console.log(`released ${catalogue.length} schemas into ${path.relative(process.cwd(), lockFile)}`);
