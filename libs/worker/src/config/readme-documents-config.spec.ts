import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workerConfigFields } from './worker-config';

describe('libs/worker/README.md', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('documents every common variable with its default', () => {
    for (const [name, field] of Object.entries(workerConfigFields(3000))) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      assert.ok(row, `${name} has no row in the README table`);
      if (name !== 'PORT' && field.defaultText !== undefined) {
        assert.ok(row.includes(`\`${field.defaultText}\``), `${name}: README should show the default ${field.defaultText}`);
      }
    }
  });
});
