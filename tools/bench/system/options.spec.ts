import assert from 'node:assert/strict';
import { defaultOptions, parseOptions } from './options';

describe('parseOptions', () => {
  it('defaults to both phases on happy-path orders: 400 @ 40 saturated (raw 2000), then 100/s for 20 s', () => {
    assert.deepEqual(parseOptions([]), defaultOptions);
    assert.deepEqual(
      { orders: defaultOptions.orders, concurrency: defaultOptions.concurrency, rawSagas: defaultOptions.rawSagas, rate: defaultOptions.rate, duration: defaultOptions.duration },
      { orders: 400, concurrency: 40, rawSagas: 2000, rate: 100, duration: 20 },
    );
  });

  it('reads every flag', () => {
    const options = parseOptions(
      ['--mode', 'rate', '--rate', '50', '--duration', '10', '--mix', 'mixed', '--raw-sagas', '500', '--no-raw', '--json', '--profile', 'tmp/prof', '--target-url', 'order-service=http://h:3000/'],
      { RABBITMQ_URL: 'amqp://x' },
    );
    assert.equal(options.mode, 'rate');
    assert.equal(options.rate, 50);
    assert.equal(options.duration, 10);
    assert.equal(options.mix, 'mixed');
    assert.equal(options.rawSagas, 500);
    assert.equal(options.raw, false);
    assert.equal(options.profileDir, 'tmp/prof');
    assert.equal(options.json, true);
    assert.deepEqual(options.targetUrls, { 'order-service': 'http://h:3000' });
    assert.equal(options.rabbitmqUrl, 'amqp://x');
  });

  it('refuses what it cannot honour instead of guessing', () => {
    assert.throws(() => parseOptions(['--orders', '0']), /--orders needs a positive number/);
    assert.throws(() => parseOptions(['--mix', 'sad']), /--mix must be one of happy, mixed/);
    assert.throws(() => parseOptions(['--target-url', 'nope=http://x']), /--target-url takes <app>=<url>/);
    assert.throws(() => parseOptions(['--fast']), /unknown option --fast/);
    assert.throws(() => parseOptions(['--profile']), /--profile needs a directory/);
  });

  it('--instances N runs every app N times, --cluster N is recorded for the report; both only for a system the bench starts', () => {
    const options = parseOptions(['--instances', '2', '--cluster', '3']);
    assert.equal(options.instances, 2);
    assert.equal(options.cluster, 3);
    assert.equal(parseOptions([]).instances, 1);
    assert.throws(() => parseOptions(['--instances', '0']), /--instances needs a whole number from 1 to 4, got 0/);
    assert.throws(() => parseOptions(['--instances', '1.5']), /whole number/);
    assert.throws(() => parseOptions(['--instances', '5']), /from 1 to 4/);
    assert.throws(() => parseOptions(['--cluster']), /--cluster needs a whole number from 1 to 9, got nothing/);
    assert.throws(() => parseOptions(['--instances', '2', '--target-url', 'order-service=http://h:3000']), /a running system \(--target-url\) has the instances it has/);
    assert.throws(() => parseOptions(['--cluster', '3', '--target-url', 'order-service=http://h:3000']), /--cluster runs the system the bench starts/);
  });
});
