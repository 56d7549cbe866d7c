// Least-privilege broker users for `npm start` and `npm test` on a broker they brought up or found locally:
// `troupe broker provision` (tools/broker) creates the `troupe` vhost, one user per service and tool, and
// data/secrets/<service>.env, which each worker reads at start when RABBITMQ_URL is not set.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from './apps.mjs';
import { brokerUrlList, hostPortOf } from './broker-urls.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The management API of the broker at `amqpUrl` (its first node), with the same (administrator) credentials. */
function managementUrlOf(amqpUrl) {
  if (process.env.RABBITMQ_MANAGEMENT_URL) return process.env.RABBITMQ_MANAGEMENT_URL;
  const parsed = new URL(amqpUrl.split(',')[0].trim());
  const management = new URL(`http://${parsed.hostname || 'localhost'}:15672`);
  management.username = parsed.username || 'guest';
  management.password = parsed.password || 'guest';
  return management.toString();
}

async function managementAnswers(managementUrl, seconds) {
  const parsed = new URL(managementUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`;
  parsed.username = '';
  parsed.password = '';
  for (let i = 0; i < seconds; i++) {
    try {
      const response = await fetch(new URL('/api/overview', parsed), { headers: { authorization }, signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      /* not up yet: the plugin may just have been enabled */
    }
    await sleep(1000);
  }
  return false;
}

/**
 * `amqp://host:port` of each broker URL, comma-separated as given: what `troupe broker provision --amqp-url` writes
 * into the secrets, with each service's own credentials and vhost instead of these.
 */
export function amqpBasesOf(amqpUrl) {
  return brokerUrlList(amqpUrl)
    .map((url) => {
      const { host, port } = hostPortOf(url);
      return `${new URL(url).protocol}//${host}:${port}`;
    })
    .join(',');
}

/**
 * Provisions the `troupe` vhost. Resolves true when the workers can use data/secrets/ (the caller then leaves
 * RABBITMQ_URL unset for them), false when provisioning was not possible (they keep the admin URL, as before).
 * `amqpUrl` may list a cluster's nodes, comma-separated: every secret then lists them all. `managementUrl` (with an
 * administrator's credentials) overrides the one derived from the first node (its host, port 15672); `secretsDir`
 * replaces data/secrets/.
 */
export async function provisionBrokerUsers(amqpUrl, tag, { managementUrl = managementUrlOf(amqpUrl), secretsDir } = {}) {
  const say = (line) => console.log(`[${tag}] ${line}`);
  if (!(await managementAnswers(managementUrl, 30))) {
    say(`the management API does not answer on :${new URL(managementUrl).port || 80}: workers use the broker URL as before, without per-service users`);
    return false;
  }
  const amqpBase = amqpBasesOf(amqpUrl);
  const launcher = path.join(workspaceRoot, 'tools', 'cli', 'bin', 'troupe.js');
  const secretsArgs = secretsDir ? ['--secrets-dir', secretsDir] : [];
  const result = spawnSync(process.execPath, [launcher, 'broker', 'provision', '--quiet', '--amqp-url', amqpBase, ...secretsArgs], {
    cwd: workspaceRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, RABBITMQ_MANAGEMENT_URL: managementUrl },
  });
  for (const line of `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').filter(Boolean)) say(line.trim());
  if (result.status !== 0) {
    say('broker provisioning failed (above): workers use the broker URL as before');
    return false;
  }
  return true;
}
