import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brokerAdmin, deleteNamespace, pollUntil, workerApps } from '@troupe/order-testing';

// `npm start`, then Ctrl-C, as a user does it: the terminal's SIGINT reaches npm and everything in its process group.
// It must end with one line per worker saying it stopped gracefully, exit status 0, and none of Nx's "did not
// complete" lines. It runs in a broker namespace of its own (RABBITMQ_PREFIX, so as the broker URL's user: no
// provisioning) and a data directory of its own, but on the apps' own ports: npm start has no other.

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0' }, () => server.close(() => resolve(true)));
  });
}

describe('npm start, then Ctrl-C', function () {
  this.timeout(240_000);
  const apps = workerApps();
  const prefix = `e2e-start-${randomUUID().slice(0, 8)}.`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'troupe-start-'));
  const rabbitmqUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@localhost:5672';
  let npm: ChildProcess | undefined;
  let output = '';

  after(async function () {
    this.timeout(60_000);
    if (npm?.exitCode === null && npm.pid) process.kill(-npm.pid, 'SIGKILL');
    await deleteNamespace(brokerAdmin(rabbitmqUrl), prefix).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops every worker gracefully, says so per worker, and exits 0 without Nx alarms', async () => {
    // Another npm start (or anything on 3000-3008) would make this one's workers fail to listen: wait a little, then say so.
    await pollUntil(async () => ((await Promise.all(apps.map((app) => portIsFree(app.port)))).every(Boolean) ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 1000,
      what: `the apps' ports (${apps.map((app) => app.port).join(', ')}) free for npm start: stop the npm start that holds them`,
    });
    npm = spawn('npm', ['start'], {
      cwd: workspaceRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RABBITMQ_PREFIX: prefix, DATA_DIR: dataDir, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    });
    npm.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    npm.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => npm!.once('exit', (code) => resolve(code)));

    await pollUntil(async () => (output.includes('[start] Ctrl-C stops everything.') ? true : undefined), { timeoutMs: 150_000, intervalMs: 250, what: 'npm start up' }, () => output.slice(-3000));
    assert.match(output, new RegExp(`broker names +prefix "${prefix.replace(/\./g, '\\.')}" on vhost /`));
    for (const app of apps) assert.match(output, new RegExp(`${app.name} +http://localhost:${app.port} +\\(healthy`), `${app.name} healthy in the start table`);

    const stopAsked = output.length;
    process.kill(-npm.pid!, 'SIGINT');
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 40_000))]);
    const afterStop = output.slice(stopAsked);
    assert.equal(code, 0, `npm start's exit status after Ctrl-C:\n${afterStop}`);
    assert.ok(afterStop.includes(`[start] stopped: ${apps.length} of ${apps.length} workers gracefully`), afterStop);
    for (const app of apps) {
      assert.match(afterStop, new RegExp(`^  ${app.name} +stopped gracefully$`, 'm'), `${app.name} in the summary`);
    }
    assert.doesNotMatch(afterStop, /did not complete|Tasks stopped before they finished|Failed tasks|ERR!|npm error/);
  });
});
