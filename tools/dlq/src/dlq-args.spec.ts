import assert from 'node:assert/strict';
import { defaultRatePerSecond, defaultUrl, parseDlqArgs, parseRate } from './dlq-args';
import { UsageError } from './usage-error';

const env = {};

describe('troupe dlq arguments', () => {
  it('parses list with defaults (URL, prefix) and an explicit target', () => {
    assert.deepEqual(parseDlqArgs(['list', '--service', 'payment-service'], env), {
      action: 'list',
      target: { service: 'payment-service', prefix: '', url: defaultUrl },
      json: false,
    });
    const command = parseDlqArgs(['list', '--service', 'stock-service', '--prefix', 't1.', '--url', 'amqp://h', '--management-url', 'http://m', '--json'], env);
    assert.deepEqual(command, { action: 'list', target: { service: 'stock-service', prefix: 't1.', url: 'amqp://h', managementUrl: 'http://m' }, json: true });
  });

  it('takes the broker URL from RABBITMQ_URL when --url is absent', () => {
    const command = parseDlqArgs(['list', '--service', 'a'], { RABBITMQ_URL: 'amqp://env' });
    assert.equal(command.action === 'list' && command.target.url, 'amqp://env');
  });

  it('parses show with its message id', () => {
    const command = parseDlqArgs(['show', 'm-1', '--service', 'a'], env);
    assert.equal(command.action === 'show' && command.messageId, 'm-1');
    assert.throws(() => parseDlqArgs(['show', '--service', 'a'], env), UsageError);
    assert.throws(() => parseDlqArgs(['show', 'm-1', 'm-2', '--service', 'a'], env), /unexpected argument 'm-2'/);
  });

  it('parses replay: selection, rate, dry run', () => {
    assert.deepEqual(parseDlqArgs(['replay', '--service', 'a', '--all'], env), {
      action: 'replay',
      target: { service: 'a', prefix: '', url: defaultUrl },
      selection: { kind: 'all' },
      ratePerSecond: defaultRatePerSecond,
      dryRun: false,
    });
    const command = parseDlqArgs(['replay', '--service', 'a', '--id', 'm-1', '--rate', '5/s', '--dry-run'], env);
    assert.ok(command.action === 'replay');
    assert.deepEqual(command.selection, { kind: 'id', messageId: 'm-1' });
    assert.equal(command.ratePerSecond, 5);
    assert.equal(command.dryRun, true);
  });

  it('refuses to guess which letters: neither or both of --id and --all', () => {
    assert.throws(() => parseDlqArgs(['replay', '--service', 'a'], env), /--id <messageId> or --all/);
    assert.throws(() => parseDlqArgs(['purge', '--service', 'a', '--id', 'x', '--all', '--yes'], env), /not both/);
  });

  it('refuses purge without --yes', () => {
    assert.throws(() => parseDlqArgs(['purge', '--service', 'a', '--all'], env), /--yes/);
    const command = parseDlqArgs(['purge', '--service', 'a', '--all', '--yes'], env);
    assert.deepEqual(command.action === 'purge' && command.selection, { kind: 'all' });
  });

  it('refuses a missing or invalid service, unknown actions and options', () => {
    assert.throws(() => parseDlqArgs(['list'], env), /--service/);
    assert.throws(() => parseDlqArgs(['list', '--service', 'Bad Name'], env), /invalid service/);
    assert.throws(() => parseDlqArgs(['drain', '--service', 'a'], env), /unknown action 'drain'/);
    assert.throws(() => parseDlqArgs(['list', '--service', 'a', '--force'], env), UsageError);
    assert.throws(() => parseDlqArgs([], env), /an action is required/);
  });

  it('answers --help before anything else', () => {
    assert.deepEqual(parseDlqArgs(['--help'], env), { action: 'help' });
  });

  it('reads rates as messages per second above zero', () => {
    assert.equal(parseRate('20'), 20);
    assert.equal(parseRate('0.5/s'), 0.5);
    for (const bad of ['0', '-1', 'fast', '10/m', '']) assert.throws(() => parseRate(bad), UsageError, bad);
  });
});
