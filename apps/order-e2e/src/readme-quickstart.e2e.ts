import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { orderSystemApps, startOrderSystem, type OrderSystem } from '@troupe/order-testing';

// The README's Quickstart, run as written, so it cannot rot. The block after `<!-- quickstart:start -->` is what a
// user runs first (`npm install && npm start`); this test starts the same apps with startOrderSystem instead (its own
// broker namespace and data directory). Every block after `<!-- quickstart -->` then runs in one bash session, line by
// line: each command must exit 0, and a trailing `# → text` is text its output must contain.
//
// Ports: when every documented port is free the apps listen on them and the commands run verbatim. Otherwise (an
// `npm start` is up, say) the apps get free ports and the one substitution is `http://localhost:<documented port>` →
// that app's URL; `npx troupe inspect` finds order-view through ORDER_VIEW_URL, its documented setting.

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

interface QuickstartCommand {
  block: number;
  command: string;
  /** The text after `# →`, which the output must contain. */
  shows?: string;
}

export function quickstartOf(readme: string): { start: string; commands: QuickstartCommand[]; urls: string[] } {
  const fenced = (marker: string) =>
    [...readme.matchAll(new RegExp(`^<!-- ${marker} -->\\n\`\`\`bash\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1]!);
  const [start, ...extra] = fenced('quickstart:start');
  assert.ok(start !== undefined && extra.length === 0, 'the README has one <!-- quickstart:start --> block');
  const commands = fenced('quickstart').flatMap((body, block) =>
    body
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
      .map((line) => {
        const comment = /\s{2,}#\s(.*)$/.exec(line);
        const shows = comment?.[1]?.startsWith('→ ') ? comment[1].slice(2).trim() : undefined;
        return { block, command: (comment ? line.slice(0, comment.index) : line).trim(), ...(shows ? { shows } : {}) };
      }),
  );
  const section = readme.slice(readme.indexOf('## Quickstart'), readme.indexOf('\n## ', readme.indexOf('## Quickstart') + 1));
  return { start: start.trim(), commands, urls: [...section.matchAll(/<(http:\/\/localhost:\d+)>/g)].map((match) => match[1]!) };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0' }, () => server.close(() => resolve(true)));
  });
}

interface Ran {
  command: QuickstartCommand;
  code: number;
  output: string;
}

/** Every command in one bash session (variables and functions carry over), each output cut out between markers. */
function runInBash(commands: QuickstartCommand[], substitute: (line: string) => string, env: Record<string, string>): Promise<Ran[]> {
  const script = commands
    .map((entry, index) => `printf '\\n::begin ${index}::\\n'\n${substitute(entry.command)}\nprintf '\\n::end ${index} %s::\\n' "$?"`)
    .join('\n');
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { cwd: workspaceRoot, env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && error.killed) return reject(new Error(`the quickstart did not finish in 120 s:\n${stdout}\n${stderr}`));
      resolve(
        commands.map((command, index) => {
          const match = new RegExp(`::begin ${index}::\\n([\\s\\S]*?)\\n::end ${index} (\\d+)::`).exec(stdout);
          return { command, code: match ? Number(match[2]) : -1, output: match ? match[1]! : `(never ran)\n${stderr}` };
        }),
      );
    });
  });
}

describe('README quickstart, as written', function () {
  this.timeout(240_000);
  const readme = readFileSync(path.join(workspaceRoot, 'README.md'), 'utf8');
  const quickstart = quickstartOf(readme);
  const apps = orderSystemApps();
  let system: OrderSystem | undefined;
  let documentedPorts = false;

  before(async function () {
    this.timeout(150_000);
    documentedPorts = (await Promise.all(apps.map((app) => portIsFree(app.port)))).every(Boolean);
    const env = documentedPorts ? Object.fromEntries(apps.map((app) => [app.name, { PORT: String(app.port) }])) : {};
    system = await startOrderSystem({ env });
  });

  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  it('starts with npm install && npm start', () => {
    assert.equal(quickstart.start, 'npm install && npm start');
  });

  it('places a happy, a declined, an unshippable and a cancelled order, reads both sides and inspects a saga, each showing what the README says', async function () {
    const sys = system!;
    const substitute = (line: string) =>
      documentedPorts ? line : apps.reduce((text, app) => text.replaceAll(`http://localhost:${app.port}`, sys.urlOf(app.name)), line);
    assert.ok(quickstart.commands.length >= 10, `the quickstart has its commands (${quickstart.commands.length})`);
    for (const word of ['tok_declined', 'AQ', 'tok_hang', '/cancel', 'minVersion', 'wait=terminal', 'troupe inspect']) {
      assert.ok(quickstart.commands.some((entry) => entry.command.includes(word)), `the quickstart shows ${word}`);
    }
    const ran = await runInBash(quickstart.commands, substitute, documentedPorts ? {} : { ORDER_VIEW_URL: sys.urlOf('order-view') });
    const report = (entry: Ran) => `${entry.command.command}\n  exit ${entry.code}\n  ${entry.output.trim().split('\n').join('\n  ')}`;
    for (const entry of ran) {
      assert.equal(entry.code, 0, `a quickstart command failed (${documentedPorts ? 'documented ports' : 'free ports'}):\n${report(entry)}\n${sys.logs(20)}`);
      if (entry.command.shows) assert.ok(entry.output.includes(entry.command.shows), `expected "${entry.command.shows}" in the output of:\n${report(entry)}`);
    }
  });

  it('points at the RabbitMQ management UI, which answers', async () => {
    assert.ok(quickstart.urls.includes('http://localhost:15672'), `the quickstart names the management UI: ${quickstart.urls.join(', ')}`);
    const answer = await fetch(system!.admin.baseUrl, { signal: AbortSignal.timeout(5000) });
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /RabbitMQ Management/);
  });
});
