// A catalogue's `generate-types` target: rewrites <root>/src/generated from <root>/src/schemas (stale files are removed).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../catalogue';
import { catalogueRootArgument } from './catalogue-library';
import { generatedDirectory, renderTypes } from './render-types';

async function main(): Promise<void> {
  const root = catalogueRootArgument('generate-types');
  const directory = path.join(root, 'src', generatedDirectory);
  const files = await renderTypes(loadCatalogue(path.join(root, 'src', 'schemas')));
  mkdirSync(directory, { recursive: true });
  for (const file of readdirSync(directory)) if (!files.has(file)) rmSync(path.join(directory, file));
  for (const [file, content] of files) writeFileSync(path.join(directory, file), content);
  console.log(`wrote ${files.size} files to ${path.relative(process.cwd(), directory)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
