import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chooseLogFormat } from './create-logger';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** stdout of the fixture in `format`: a real process with a pipe for stdout, as under a supervisor or `npm start`. */
function logsOf(format: 'pretty' | 'json'): string {
  const fixture = path.join(__dirname, 'log-format-fixture.ts');
  return execFileSync(process.execPath, ['--import', 'tsx', fixture, format], { cwd: workspaceRoot, encoding: 'utf8', timeout: 15_000 });
}

// The ANSI colour codes pino-pretty writes, so the assertions read the text a person sees.
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('log format', () => {
  it('auto is pretty on a terminal and JSON on anything else; pretty and json are taken as they are', () => {
    assert.equal(chooseLogFormat('auto', true), 'pretty');
    assert.equal(chooseLogFormat('auto', false), 'json');
    assert.equal(chooseLogFormat('pretty', false), 'pretty', 'npm start asks for pretty through a pipe');
    assert.equal(chooseLogFormat('json', true), 'json');
  });

  it('json: one object a line with level label, service and message, nothing below the level, the last line kept', () => {
    const lines = logsOf('json').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((line) => [line['level'], line['service'], line['msg']]),
      [
        ['info', 'payment-service', 'payment-service listening'],
        ['warn', 'payment-service', 'last line before exit'],
      ],
    );
    assert.equal(lines[0]!['port'], 3003);
  });

  it('pretty: readable lines through pino-pretty, service first, fields below, the line before exit kept', () => {
    const text = plain(logsOf('pretty'));
    assert.doesNotMatch(text, /^\{/m, 'no JSON line');
    assert.match(text, /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[payment-service\] payment-service listening$/m);
    assert.match(text, /^\s+port: 3003$/m);
    assert.match(text, /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: \[payment-service\] last line before exit$/m);
    assert.doesNotMatch(text, /not at this level/);
  });
});
