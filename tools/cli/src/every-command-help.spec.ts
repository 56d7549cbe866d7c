import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isCommandModule, type CommandModule } from './command-module';
import { commandFile, commandNames } from './discover-commands';

const launcher = path.resolve(__dirname, '..', 'bin', 'troupe.js');

/** Runs a command in process with console output captured: no broker, no network, nothing but its argument parsing. */
async function runCaptured(name: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded the way main.ts loads commands
  const command = require(commandFile(name)!) as CommandModule;
  assert.ok(isCommandModule(command));
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => void out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => void err.push(parts.join(' '));
  try {
    const code = await command.run(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

function troupe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [launcher, ...args], { cwd: tmpdir() }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe('every troupe subcommand explains itself', function () {
  this.timeout(30_000);
  const names = commandNames();

  it('finds the commands the README documents', () => {
    for (const name of ['broker', 'dlq', 'inspect', 'saga-map']) assert.ok(names.includes(name), name);
  });

  for (const name of commandNames()) {
    for (const flag of ['--help', '-h']) {
      it(`${name} ${flag}: exit 0, its usage, options and examples on stdout`, async () => {
        const { code, out, err } = await runCaptured(name, [flag]);
        assert.equal(code, 0, err);
        assert.match(out, new RegExp(`troupe ${name}`));
        assert.match(out, /--[a-z]/, 'names its options');
        assert.match(out, /^examples:$/m);
        assert.match(out, new RegExp(`^  troupe ${name} `, 'm'), 'an example line runs the command');
        assert.equal(err, '');
      });
    }

    it(`${name} --no-such-option: exit 2 with the reason and the usage on stderr`, async () => {
      const { code, out, err } = await runCaptured(name, ['--no-such-option']);
      assert.equal(code, 2);
      assert.match(err, /no-such-option/);
      assert.match(err, /usage:|troupe \S+ <|troupe broker/);
      assert.equal(out, '');
    });
  }

  it('through the real launcher: saga-map --help is 0, troupe help dlq is dlq --help, an unknown option is 2', async () => {
    const help = await troupe(['saga-map', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^usage: troupe saga-map/);
    const viaHelp = await troupe(['help', 'dlq']);
    assert.equal(viaHelp.code, 0, viaHelp.stderr);
    assert.match(viaHelp.stdout, /^usage: troupe dlq/);
    const unknown = await troupe(['saga-map', '--frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--frobnicate'[\s\S]*usage: troupe saga-map/);
  });
});
