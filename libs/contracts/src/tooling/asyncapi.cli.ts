// `nx run contracts:asyncapi` writes docs/asyncapi.yaml; with `--check` it only fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { asyncApiPath, renderAsyncApi } from '../asyncapi/render-asyncapi';
import { loadCatalogue } from '../catalogue';
import { referenceManifests } from '../manifests/reference-manifests';

const file = path.join(__dirname, '..', '..', '..', '..', asyncApiPath);
const rendered = renderAsyncApi(loadCatalogue(), referenceManifests);
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (committed !== rendered) {
    console.error(`${asyncApiPath} is stale: run nx run contracts:asyncapi`);
    process.exit(1);
  }
  console.log(`${asyncApiPath} is up to date`);
} else {
  writeFileSync(file, rendered);
  console.log(`wrote ${asyncApiPath}`);
}
