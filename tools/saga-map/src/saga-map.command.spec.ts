import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './saga-map.command';

describe('saga-map generate / check', () => {
  let directory: string;
  let doc: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'saga-map-'));
    doc = path.join(directory, 'saga-map.md');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('check fails on a missing or stale doc and passes once generated', async () => {
    assert.equal(await run(['--check', '--doc', doc]), 1);
    assert.equal(await run(['--doc', doc]), 0);
    assert.match(readFileSync(doc, 'utf8'), /```mermaid\nflowchart LR\n/);
    assert.equal(await run(['--check', '--doc', doc]), 0);
    writeFileSync(doc, `${readFileSync(doc, 'utf8')}\nhand edit\n`);
    assert.equal(await run(['--check', '--doc', doc]), 1);
  });

  it('refuses unknown options with exit code 2', async () => {
    assert.equal(await run(['--frobnicate']), 2);
  });
});
