import assert from 'node:assert/strict';
import { orderCatalogue } from './catalogue';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generatedDirectory, renderTypes } from '@troupe/contracts/testing';

describe('generated types', () => {
  it('are exactly what `npx nx run order-catalogue:generate-types` writes from the current schemas', async function () {
    this.timeout(60000);
    const expected = await renderTypes(orderCatalogue.schemas);
    const directory = path.join(__dirname, generatedDirectory);
    assert.deepEqual(readdirSync(directory).sort(), [...expected.keys()].sort(), 'generated file set is stale: run npx nx run order-catalogue:generate-types');
    for (const [file, content] of expected) {
      assert.equal(readFileSync(path.join(directory, file), 'utf8'), content, `${file} is stale: run npx nx run order-catalogue:generate-types`);
    }
  });
});
