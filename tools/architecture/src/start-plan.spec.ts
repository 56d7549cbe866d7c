import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from './workspace-files';

// `npm start`'s flags and port rule (tools/infra/start-plan.mjs). The module is ESM and mocha runs CommonJS, so each
// case evaluates it in a child node; a bad flag is also checked end to end, through start.mjs, which must refuse it
// before it touches a broker or the build.
const planModule = path.join(workspaceRoot, 'tools', 'infra', 'start-plan.mjs');

function evaluate<T>(expression: string): T {
  const script = `import * as plan from ${JSON.stringify(planModule)};
    let result;
    try { result = { value: ${expression} }; } catch (error) { result = { error: error.message, usage: error instanceof plan.StartUsageError }; }
    process.stdout.write(JSON.stringify(result));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: workspaceRoot, encoding: 'utf8' })) as T;
}

type Parsed = { value?: { instances: number; cluster?: number; tls: boolean; help: boolean; other: string[] }; error?: string; usage?: boolean };

describe('npm start: --instances and --cluster', () => {
  it('defaults to one instance on the single broker, and leaves flags it does not know to others', () => {
    assert.deepEqual(evaluate<Parsed>(`plan.parseStartOptions(['--namespace', 'x'])`).value, { instances: 1, tls: false, help: false, other: ['--namespace', 'x'] });
  });

  it('reads --instances N and --cluster=N', () => {
    assert.deepEqual(evaluate<Parsed>(`plan.parseStartOptions(['--instances', '2', '--cluster=3'])`).value, { instances: 2, cluster: 3, tls: false, help: false, other: [] });
  });

  for (const [argv, message] of [
    [['--instances', '0'], /--instances needs a whole number from 1 to 9, got "0"/],
    [['--instances', '2.5'], /whole number/],
    [['--instances', 'two'], /whole number/],
    [['--instances', '10'], /from 1 to 9/],
    [['--instances'], /needs a number/],
    [['--instances', '--cluster', '3'], /needs a number/],
    [['--cluster', '-1'], /--cluster needs a whole number/],
    [['--cluster', '3', '--tls'], /--tls and --cluster do not go together/],
  ] as const) {
    it(`refuses ${argv.join(' ')}`, () => {
      const parsed = evaluate<Parsed>(`plan.parseStartOptions(${JSON.stringify(argv)})`);
      assert.equal(parsed.usage, true, JSON.stringify(parsed));
      assert.match(parsed.error ?? '', message);
    });
  }

  it('refuses --cluster when RABBITMQ_URL names another broker, without printing its password', () => {
    const parsed = evaluate<Parsed>(`plan.parseStartOptions(['--cluster', '3'], { RABBITMQ_URL: 'amqp://admin:s3cret@broker:5672' })`);
    assert.match(parsed.error ?? '', /RABBITMQ_URL is set \(amqp:\/\/admin:\*\*\*@broker:5672\)/);
    assert.doesNotMatch(parsed.error ?? '', /s3cret/);
  });

  it('gives instance k the serve port + 100·(k−1), first instances first', () => {
    const rows = evaluate<{ value: Array<{ label: string; port: number }> }>(`plan.planInstances([{ name: 'a', port: 3000 }, { name: 'b', port: 3001 }], 3)`).value;
    assert.deepEqual(rows.map((row) => `${row.label}@${row.port}`), ['a@3000', 'b@3001', 'a#2@3100', 'b#2@3101', 'a#3@3200', 'b#3@3201']);
  });

  it('refuses a plan whose ports would clash', () => {
    const parsed = evaluate<Parsed>(`plan.planInstances([{ name: 'a', port: 3000 }, { name: 'b', port: 3100 }], 2)`);
    assert.match(parsed.error ?? '', /a#2 would listen on 3100, which b already uses/);
  });

  it("runs each instance with its app's serve command, on this node", () => {
    const command = evaluate<{ value: { command: string; args: string[] } }>(`plan.serveCommand('payment-service')`).value;
    assert.equal(command.command, process.execPath);
    assert.deepEqual(command.args.slice(-2), ['tools/infra/worker.mjs', 'payment-service']);
  });

  it('start.mjs --help prints the usage and exits 0, starting nothing', () => {
    for (const flag of ['--help', '-h']) {
      const run = spawnSync(process.execPath, [path.join(workspaceRoot, 'tools', 'infra', 'start.mjs'), flag], { cwd: workspaceRoot, encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /npm start \[-- --instances N\]/);
      assert.match(run.stdout, /--help, -h/);
      assert.doesNotMatch(run.stdout + run.stderr, /\[infra\]|\[build\]|\[start\]/);
    }
  });

  it('start.mjs exits 2 with the usage on a bad value, before any broker or build', () => {
    const run = spawnSync(process.execPath, [path.join(workspaceRoot, 'tools', 'infra', 'start.mjs'), '--instances', 'many'], { cwd: workspaceRoot, encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /--instances needs a whole number/);
    assert.match(run.stderr, /npm start \[-- --instances N\]/);
    assert.doesNotMatch(run.stdout, /\[infra\]|\[build\]/);
  });
});
