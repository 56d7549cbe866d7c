import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from './catalogue';
import { generatedDirectory, renderTypes } from './tooling/render-types';

describe('generated types', () => {
  it('are exactly what `nx run contracts:generate-types` writes from the current schemas', async function () {
    this.timeout(60000);
    const expected = await renderTypes(loadCatalogue());
    const directory = path.join(__dirname, generatedDirectory);
    assert.deepEqual(readdirSync(directory).sort(), [...expected.keys()].sort(), 'generated file set is stale: run nx run contracts:generate-types');
    for (const [file, content] of expected) {
      assert.equal(readFileSync(path.join(directory, file), 'utf8'), content, `${file} is stale: run nx run contracts:generate-types`);
    }
  });
});
