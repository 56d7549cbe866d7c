import assert from 'node:assert/strict';
import { defaultChaosOptions, parseChaosOptions } from './options';

describe('chaos options', () => {
  it('defaults to 300 orders, two kills per worker, two broker restarts, one cut, 10 % duplicates, 1 % poison', () => {
    const options = parseChaosOptions([], {}, 123_456_789);
    assert.equal(options.seed, 456_789);
    assert.equal(options.orders, 300);
    assert.equal(options.killsPerWorker, 2);
    assert.equal(options.brokerRestarts, 2);
    assert.equal(options.connectionCuts, 1);
    assert.equal(options.duplicateRate, 0.1);
    assert.equal(options.poisonRate, 0.01);
    assert.deepEqual(options.rabbitmqctl, ['rabbitmqctl']);
    assert.equal(options.durationS, defaultChaosOptions.durationS);
  });

  it('reads flags and the environment', () => {
    const options = parseChaosOptions(
      ['--seed', '7', '--orders', '100', '--duration', '40', '--kill', 'payment-service#2', '--kill', 'order-service', '--saga-deadline-ms', '20000'],
      { RABBITMQ_URL: 'amqp://u:p@broker:5672', CHAOS_RABBITMQCTL: 'docker compose exec -T rabbitmq rabbitmqctl' },
    );
    assert.equal(options.seed, 7);
    assert.equal(options.orders, 100);
    assert.equal(options.durationS, 40);
    assert.deepEqual(options.killTargets, [{ app: 'payment-service', index: 1 }, { app: 'order-service', index: 0 }]);
    assert.equal(options.sagaDeadlineMs, 20_000);
    assert.equal(options.rabbitmqUrl, 'amqp://u:p@broker:5672');
    assert.deepEqual(options.rabbitmqctl, ['docker', 'compose', 'exec', '-T', 'rabbitmq', 'rabbitmqctl']);
  });

  it('refuses unknown flags and workers, bad numbers, and faults as long as the deadline allows', () => {
    assert.throws(() => parseChaosOptions(['--nope']), /unknown option --nope/);
    assert.throws(() => parseChaosOptions(['--orders', '0']), /--orders needs an integer ≥ 1/);
    assert.throws(() => parseChaosOptions(['--kill', 'shipping-service#2']), /unknown worker/);
    assert.throws(() => parseChaosOptions(['--duplicate-rate', '2']), /share between 0 and 1/);
    assert.throws(() => parseChaosOptions(['--cut-ms', '16000']), /well under the saga deadline/);
    assert.equal(parseChaosOptions(['--saga-deadline-ms', '4000', '--broker-restarts', '0', '--cut-ms', '1500']).sagaDeadlineMs, 4000);
    assert.throws(() => parseChaosOptions(['--single-instances', '--kill', 'inventory-service#2']), /needs the second instances/);
  });
});
