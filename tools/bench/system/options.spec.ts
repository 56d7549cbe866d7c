import assert from 'node:assert/strict';
import { defaultOptions, parseOptions } from './options';

describe('parseOptions', () => {
  it('defaults to a short run of both phases on happy-path orders', () => {
    assert.deepEqual(parseOptions([]), defaultOptions);
  });

  it('reads every flag', () => {
    const options = parseOptions(
      ['--mode', 'rate', '--rate', '50', '--duration', '10', '--mix', 'mixed', '--no-raw', '--json', '--target-url', 'order-service=http://h:3000/'],
      { RABBITMQ_URL: 'amqp://x' },
    );
    assert.equal(options.mode, 'rate');
    assert.equal(options.rate, 50);
    assert.equal(options.duration, 10);
    assert.equal(options.mix, 'mixed');
    assert.equal(options.raw, false);
    assert.equal(options.json, true);
    assert.deepEqual(options.targetUrls, { 'order-service': 'http://h:3000' });
    assert.equal(options.rabbitmqUrl, 'amqp://x');
  });

  it('refuses what it cannot honour instead of guessing', () => {
    assert.throws(() => parseOptions(['--orders', '0']), /--orders needs a positive number/);
    assert.throws(() => parseOptions(['--mix', 'sad']), /--mix must be one of happy, mixed/);
    assert.throws(() => parseOptions(['--target-url', 'nope=http://x']), /--target-url takes <app>=<url>/);
    assert.throws(() => parseOptions(['--fast']), /unknown option --fast/);
  });
});
