import assert from 'node:assert/strict';
import { countConsumers, judgeRecovery, type ConsumerSample, type QueueConsumers } from './consumer-watch';
import { parseChaosOptions } from './options';
import { seededRandom } from './random';
import { longestGap } from './report';
import { buildSchedule } from './schedule';
import { allTargets, chaosApps } from './targets';

const sample = (at: number, queues: Record<string, Record<string, number>>): ConsumerSample => ({
  at,
  queues: new Map(
    Object.entries(queues).map(([name, byNode]): [string, QueueConsumers] => [name, { total: Object.values(byNode).reduce((a, b) => a + b, 0), byNode }]),
  ),
});

describe('chaos: the node-loss scenario', () => {
  it('--scenario node-loss: 200 orders over 60 s, one loss of troupe-2 for 10 s, no kill, restart or cut', () => {
    const options = parseChaosOptions(['--scenario', 'node-loss'], {}, 1);
    assert.equal(options.scenario, 'node-loss');
    assert.equal(options.orders, 200);
    assert.equal(options.durationS, 60);
    assert.deepEqual([options.killsPerWorker, options.brokerRestarts, options.connectionCuts, options.nodeLosses], [0, 0, 0, 1]);
    assert.equal(options.lostNode, 2);
    const faults = buildSchedule(options, seededRandom(1));
    assert.deepEqual([...new Set(faults.map((fault) => fault.kind))].sort(), ['node-loss', 'poison']);
    const loss = faults.find((fault) => fault.kind === 'node-loss');
    assert.ok(loss && loss.kind === 'node-loss' && loss.node === 2 && loss.downMs === 10_000);
    assert.ok(loss.atMs > 10_000 && loss.atMs + loss.downMs < 50_000, `at ${loss.atMs}: orders flow before and after`);
  });

  it('flags after the scenario override its preset; --instances N runs every worker N times', () => {
    const options = parseChaosOptions(['--orders', '50', '--scenario', 'node-loss', '--instances', '2', '--node-down-ms', '5000'], {}, 1);
    assert.equal(options.orders, 50);
    assert.equal(options.nodeDownMs, 5_000);
    assert.equal(options.instances, 2);
    assert.equal(options.twoInstances, false);
    assert.equal(allTargets(options.twoInstances, options.instances).length, 2 * chaosApps().length);
  });

  it('refuses an unknown scenario, broker restarts or cuts with a node loss, and more than 4 instances', () => {
    assert.throws(() => parseChaosOptions(['--scenario', 'meteor'], {}), /--scenario is one of default, node-loss/);
    assert.throws(() => parseChaosOptions(['--scenario', 'node-loss', '--cuts', '1'], {}), /takes no --broker-restarts or --cuts/);
    assert.throws(() => parseChaosOptions(['--instances', '5'], {}), /at most 4/);
    assert.throws(() => parseChaosOptions(['--instances', '0'], {}), /--instances needs an integer ≥ 1/);
  });

  it("counts the namespace's consumers per queue and node, leaving the run's own queues out", () => {
    const counted = countConsumers(
      [
        { queue: { name: 'p.a' }, channel_details: { node: 'n1' } },
        { queue: { name: 'p.a' }, channel_details: { node: 'n2' } },
        { queue: { name: 'p.chaos.tap' }, channel_details: { node: 'n1' } },
        { queue: { name: 'other.a' }, channel_details: { node: 'n1' } },
      ],
      'p.',
    );
    assert.deepEqual([...counted], [['p.a', { total: 2, byNode: { n1: 1, n2: 1 } }]]);
  });

  it('reads the recovery off the samples: first queue short of consumers, then every queue whole again off the lost node', () => {
    const samples = [
      sample(0, { a: { n1: 1, n2: 1 }, b: { n3: 1 } }),
      sample(100, { a: { n1: 1, n2: 1 }, b: { n3: 1 } }),
      sample(200, { a: { n1: 1 }, b: { n3: 1 } }),
      sample(300, { a: { n1: 1 }, b: { n3: 1 } }),
      sample(400, { a: { n1: 1, n3: 1 }, b: { n3: 1 } }),
    ];
    const recovery = judgeRecovery(samples, [350], 150, 'n2');
    assert.deepEqual(recovery, { queues: 2, consumers: 3, onLostNode: 1, lostAt: 200, backAt: 400, longestGapMs: 200, slowestQueue: 'a', polls: 4, failedPolls: 1, short: [] });
    const never = judgeRecovery(samples.slice(0, 4), [], 150, 'n2');
    assert.equal(never.backAt, undefined);
    assert.deepEqual(never.short, ['a']);
  });

  it('judges each queue from its own loss: a stopping node closing its connections one after another is not a slow recovery', () => {
    // Queue a loses its consumer on n2 at 200 and has it back at 300; b's goes only at 5200 (the node still shutting
    // down) and is back at 5400. All back 5.2 s after the first went, but no queue went without for over 200 ms.
    const samples = [
      sample(0, { a: { n2: 1 }, b: { n2: 1 } }),
      sample(200, { a: {}, b: { n2: 1 } }),
      sample(300, { a: { n1: 1 }, b: { n2: 1 } }),
      sample(5200, { a: { n1: 1 }, b: {} }),
      sample(5400, { a: { n1: 1 }, b: { n3: 1 } }),
    ];
    const recovery = judgeRecovery(samples, [], 100, 'n2');
    assert.equal(recovery.backAt! - recovery.lostAt!, 5200);
    assert.equal(recovery.longestGapMs, 200);
    assert.equal(recovery.slowestQueue, 'b');
  });

  it('a consumer still listed on the lost node does not count as back', () => {
    const samples = [sample(0, { a: { n2: 1 } }), sample(200, { a: {} }), sample(300, { a: { n2: 1 } }), sample(400, { a: { n1: 1 } })];
    assert.equal(judgeRecovery(samples, [], 100, 'n2').backAt, 400);
  });

  it('finds the longest gap between instants, in any order', () => {
    assert.deepEqual(longestGap([5, 1, 2, 9]), { ms: 4, from: 5 });
    assert.equal(longestGap([1]), undefined);
  });
});
