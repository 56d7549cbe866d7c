import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(workspaceRoot, file), 'utf8');

interface ComposeService {
  profiles?: string[];
  hostname?: string;
  ports?: string[];
  environment?: Record<string, string>;
  entrypoint?: string[];
  command?: string[] | string;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

/**
 * The cluster profile of docker-compose.yml, checked without a Docker engine (none runs here): three nodes that can
 * find and trust each other, on the ports of the local cluster (`npm run infra -- --cluster 3`, tools/infra/cluster.mjs),
 * and a provision step that gives every service all three nodes.
 */
describe('docker-compose.yml, cluster profile', () => {
  const services = (parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> }).services;
  const nodes = [1, 2, 3].map((index) => ({ index, name: `rabbitmq-${index}`, service: services[`rabbitmq-${index}`]! }));
  const conf = read('tools/infra/compose/rabbitmq-cluster.conf');

  it('has rabbitmq-1..3 in the cluster profile only, on the local cluster ports 5681-5683 and 15681-15683', () => {
    for (const { index, name, service } of nodes) {
      assert.ok(service, `${name} is missing`);
      assert.deepEqual(service.profiles, ['cluster'], `${name} must not start with a plain docker compose up`);
      assert.equal(service.hostname, name, `${name}'s node name is rabbit@<hostname>`);
      assert.deepEqual(service.ports, [`127.0.0.1:${5680 + index}:5672`, `127.0.0.1:${15680 + index}:15672`]);
      assert.ok(service.volumes!.includes(`${name}-data:/var/lib/rabbitmq`), `${name} keeps its own data`);
    }
    assert.equal(services['rabbitmq']!.profiles, undefined, 'the single broker stays in the default profile');
  });

  it('joins the nodes by classic peer discovery, rabbitmq-1 first, with balanced quorum leaders', () => {
    for (const { index, name, service } of nodes) {
      assert.ok(service.volumes!.includes('./tools/infra/compose/rabbitmq-cluster.conf:/etc/rabbitmq/conf.d/20-troupe-cluster.conf:ro'), name);
      assert.match(conf, new RegExp(`^cluster_formation\\.classic_config\\.nodes\\.${index} = rabbit@${name}$`, 'm'));
      if (index > 1) assert.deepEqual(service.depends_on, { 'rabbitmq-1': { condition: 'service_healthy' } }, `${name} joins a running rabbitmq-1`);
    }
    assert.match(conf, /^cluster_formation\.peer_discovery_backend = classic_config$/m);
    assert.match(conf, /^queue_leader_locator = balanced$/m);
  });

  it('shares one Erlang cookie from .env, written to the cookie file and kept out of the environment the image sees', () => {
    for (const { name, service } of nodes) {
      assert.match(service.environment!['RABBITMQ_ERLANG_COOKIE']!, /^\$\{RABBITMQ_ERLANG_COOKIE:\?[^}]+\}$/, name);
      assert.match(service.environment!['RABBITMQ_DEFAULT_PASS']!, /^\$\{RABBITMQ_PASSWORD:\?/, name);
      const script = service.entrypoint!.join('\n');
      assert.match(script, /> \/var\/lib\/rabbitmq\/\.erlang\.cookie/);
      assert.match(script, /chmod 0400 \/var\/lib\/rabbitmq\/\.erlang\.cookie/);
      assert.match(script, /unset RABBITMQ_ERLANG_COOKIE\n\s*exec docker-entrypoint\.sh/);
    }
    assert.match(read('.env.example'), /^RABBITMQ_ERLANG_COOKIE=change-me/m);
  });

  it('provisions the cluster once all three are healthy, every secret listing the three nodes', () => {
    const provision = services['rabbitmq-cluster-provision']!;
    assert.deepEqual(provision.profiles, ['cluster']);
    assert.deepEqual(Object.keys(provision.depends_on ?? {}).sort(), ['rabbitmq-1', 'rabbitmq-2', 'rabbitmq-3']);
    for (const dependency of Object.values(provision.depends_on!)) assert.equal(dependency.condition, 'service_healthy');
    const command = JSON.stringify(provision.command);
    assert.match(command, /broker provision/);
    assert.match(command, /@rabbitmq-1:15672/);
    assert.match(command, /--amqp-url amqp:\/\/localhost:5681,amqp:\/\/localhost:5682,amqp:\/\/localhost:5683/);
  });
});
