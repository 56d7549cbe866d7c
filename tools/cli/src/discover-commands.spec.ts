import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isCommandModule } from './command-module';
import { commandFile, commandNames } from './discover-commands';

describe('troupe command discovery', () => {
  let tools: string;
  beforeEach(() => {
    tools = mkdtempSync(path.join(tmpdir(), 'troupe-tools-'));
    for (const name of ['dlq', 'inspect']) {
      mkdirSync(path.join(tools, name, 'src'), { recursive: true });
      writeFileSync(path.join(tools, name, 'src', `${name}.command.ts`), '');
    }
    mkdirSync(path.join(tools, 'infra', 'src'), { recursive: true });
  });
  afterEach(() => rmSync(tools, { recursive: true, force: true }));

  it('finds a subcommand as one file tools/<name>/src/<name>.command.ts', () => {
    assert.deepEqual(commandNames(tools), ['dlq', 'inspect']);
    assert.equal(commandFile('dlq', tools), path.join(tools, 'dlq', 'src', 'dlq.command.ts'));
    assert.equal(commandFile('infra', tools), undefined);
  });

  it('refuses names that could leave the tools directory', () => {
    assert.equal(commandFile('../inspect', tools), undefined);
    assert.equal(commandFile('Inspect', tools), undefined);
  });

  it('includes the real inspect command, which has the expected shape', () => {
    assert.ok(commandNames().includes('inspect'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded the way main.ts loads commands
    assert.ok(isCommandModule(require(commandFile('inspect')!)));
    assert.equal(isCommandModule({ summary: 'x' }), false);
  });
});
