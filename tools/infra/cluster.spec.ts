import assert from 'node:assert/strict';
import {
  ClusterUsageError,
  clusterArgFrom,
  clusterNodes,
  clusterUrls,
  joinUrls,
  managementUrls,
  nodeConfig,
  nodeEnvironment,
  nodeNameOf,
  parseClusterArg,
  parseEpmdNames,
} from './cluster.mjs';
import { amqpBasesOf } from './broker-users.mjs';

// The pure parts of `npm run infra -- --cluster N`; starting real nodes is the node-loss test's business.
describe('local cluster layout', () => {
  it('names troupe-1..3 after the short host name, ports 5681-5683, 15681-15683, 25681-25683', () => {
    assert.deepEqual(clusterNodes(3, 'vm', '/d'), [
      { index: 1, id: 'troupe-1', name: 'troupe-1@vm', amqpPort: 5681, managementPort: 15681, distPort: 25681, dir: '/d/troupe-1' },
      { index: 2, id: 'troupe-2', name: 'troupe-2@vm', amqpPort: 5682, managementPort: 15682, distPort: 25682, dir: '/d/troupe-2' },
      { index: 3, id: 'troupe-3', name: 'troupe-3@vm', amqpPort: 5683, managementPort: 15683, distPort: 25683, dir: '/d/troupe-3' },
    ]);
    // None of them is the default node's (5672, 15672, 25672) or the TLS listener's (5671).
    const ports = clusterNodes(9, 'vm').flatMap((node) => [node.amqpPort, node.managementPort, node.distPort]);
    for (const taken of [5671, 5672, 15672, 15692, 25672]) assert.ok(!ports.includes(taken), `${taken} is in use by the default node`);
    assert.throws(() => clusterNodes(0, 'vm'), ClusterUsageError);
    assert.throws(() => clusterNodes(10, 'vm'), ClusterUsageError);
  });

  it('builds one URL per node and the comma-separated RABBITMQ_URL a user copies', () => {
    const nodes = clusterNodes(3, 'vm');
    const urls = clusterUrls(nodes);
    assert.deepEqual(urls, ['amqp://guest:guest@localhost:5681', 'amqp://guest:guest@localhost:5682', 'amqp://guest:guest@localhost:5683']);
    assert.equal(joinUrls(urls), 'amqp://guest:guest@localhost:5681,amqp://guest:guest@localhost:5682,amqp://guest:guest@localhost:5683');
    // Reserved characters are percent-encoded, so a comma in a password cannot split the list.
    assert.deepEqual(clusterUrls(nodes.slice(0, 1), { user: 'troupe-x', password: 'a,b@c', vhost: 'troupe' }), ['amqp://troupe-x:a%2Cb%40c@localhost:5681/troupe']);
    assert.deepEqual(managementUrls(nodes), ['http://localhost:15681', 'http://localhost:15682', 'http://localhost:15683']);
  });

  it("gives each node its own config: management port, balanced leaders, nothing of the default node's", () => {
    const [, second] = clusterNodes(3, 'vm', '/d');
    const config = nodeConfig(second!);
    assert.match(config, /^management\.tcp\.port = 15682$/m);
    assert.match(config, /^queue_leader_locator = balanced$/m);
    assert.doesNotMatch(config, /listeners\.ssl|prometheus/);
    const env = nodeEnvironment(second!);
    assert.equal(env.RABBITMQ_NODENAME, 'troupe-2@vm');
    assert.equal(env.RABBITMQ_NODE_PORT, '5682');
    assert.equal(env.RABBITMQ_DIST_PORT, '25682');
    assert.equal(env.RABBITMQ_MNESIA_BASE, '/d/troupe-2/mnesia');
    assert.equal(env.RABBITMQ_LOG_BASE, '/d/troupe-2/log');
    assert.equal(env.RABBITMQ_CONFIG_FILE, '/d/troupe-2/rabbitmq.conf');
    assert.equal(env.RABBITMQ_ENABLED_PLUGINS_FILE, '/d/troupe-2/enabled_plugins');
  });

  it('reads the node names epmd registers, and names a node however a test refers to it', () => {
    const names = parseEpmdNames('name rabbit at port 25672\nname troupe-1 at port 25681\nname troupe-2 at port 25682\n');
    assert.deepEqual([...names], [['rabbit', 25672], ['troupe-1', 25681], ['troupe-2', 25682]]);
    assert.equal(parseEpmdNames('').size, 0);
    assert.equal(nodeNameOf(2, 'vm'), 'troupe-2@vm');
    assert.equal(nodeNameOf('troupe-2', 'vm'), 'troupe-2@vm');
    assert.equal(nodeNameOf('troupe-2@other', 'vm'), 'troupe-2@other');
    assert.equal(nodeNameOf(clusterNodes(3, 'vm')[2], 'x'), 'troupe-3@vm');
  });
});

describe('npm run infra -- --cluster', () => {
  it('takes a node count (3; also 1 or 4-9), stop, reset or status', () => {
    assert.deepEqual(parseClusterArg('3'), { action: 'start', size: 3 });
    assert.deepEqual(parseClusterArg('1'), { action: 'start', size: 1 });
    assert.deepEqual(parseClusterArg('stop'), { action: 'stop' });
    assert.deepEqual(parseClusterArg('reset'), { action: 'reset' });
    assert.deepEqual(parseClusterArg('status'), { action: 'status' });
    assert.deepEqual(clusterArgFrom(['--tls', '--cluster', '3']), { action: 'start', size: 3 });
    assert.deepEqual(clusterArgFrom(['--cluster=stop']), { action: 'stop' });
    assert.equal(clusterArgFrom(['--tls']), undefined);
  });

  it('refuses anything else with an error that says what is accepted', () => {
    const accepted = /accepted: a node count \(3; also 1 or 4-9\), stop, reset or status/;
    for (const bad of ['2', 'foo', '0', '10', '3.5', '-1', '', 'STOP']) {
      assert.throws(() => parseClusterArg(bad), (error: Error) => error instanceof ClusterUsageError && accepted.test(error.message), bad);
    }
    assert.throws(() => parseClusterArg('2'), /two-node cluster loses its quorum queues/);
    assert.throws(() => parseClusterArg('foo'), /--cluster foo: not a node count/);
    assert.throws(() => clusterArgFrom(['--cluster']), /--cluster needs a value/);
    assert.throws(() => clusterArgFrom(['--cluster', '--tls']), /--cluster needs a value/);
  });
});

describe('broker users on a cluster', () => {
  it('hands troupe broker provision every node, credentials and vhost left out', () => {
    assert.equal(amqpBasesOf('amqp://guest:guest@localhost:5672'), 'amqp://localhost:5672');
    assert.equal(
      amqpBasesOf('amqp://guest:guest@localhost:5681,amqp://guest:guest@localhost:5682/x, amqp://guest:guest@localhost:5683'),
      'amqp://localhost:5681,amqp://localhost:5682,amqp://localhost:5683',
    );
    assert.equal(amqpBasesOf('amqps://u:p@broker'), 'amqps://broker:5671');
  });
});
