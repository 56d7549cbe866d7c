import assert from 'node:assert/strict';
import { parseRebuildFlags } from './rebuild-flags';

describe('rebuild flags', () => {
  it('default to a safe rebuild', () => {
    assert.deepEqual(parseRebuildFlags([]), { force: false, help: false });
  });

  it('read --force and --help', () => {
    assert.deepEqual(parseRebuildFlags(['--force']), { force: true, help: false });
    assert.deepEqual(parseRebuildFlags(['-h']), { force: false, help: true });
  });

  it('refuse anything else rather than ignore a typo', () => {
    assert.throws(() => parseRebuildFlags(['--froce']), /unknown argument '--froce'/);
  });
});
