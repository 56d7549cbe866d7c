// A catalogue's `asyncapi` target writes docs/asyncapi.yaml; with `--check` it only fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { asyncApiPath, renderAsyncApi } from '../asyncapi/render-asyncapi';
import { openCatalogueLibrary, workspaceRoot } from './catalogue-library';

const { catalogue, manifests } = openCatalogueLibrary('asyncapi');
const file = path.join(workspaceRoot, asyncApiPath);
const rendered = renderAsyncApi(catalogue, manifests);
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (committed !== rendered) {
    console.error(`${asyncApiPath} is stale: run npx nx run ${catalogue.name}-catalogue:asyncapi`);
    process.exit(1);
  }
  console.log(`${asyncApiPath} is up to date`);
} else {
  writeFileSync(file, rendered);
  console.log(`wrote ${asyncApiPath}`);
}
