import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultRatePerSecond, defaultUrl, parseDlqArgs as parseWithSecrets, parseRate } from './dlq-args';
import { provisionedDlqUrl } from './provisioned-url';
import { UsageError } from './usage-error';

const env = {};
const services = ['a', 'payment-service', 'stock-service'];
/** The checkout running these specs may hold a provisioned data/secrets/dlq.env: the specs decide what it holds. */
const noSecret = () => undefined;
const parseDlqArgs = (argv: readonly string[], environment: NodeJS.ProcessEnv = process.env, known?: readonly string[]) =>
  known ? parseWithSecrets(argv, environment, known, noSecret) : parseWithSecrets(argv, environment, undefined, noSecret);

describe('troupe dlq arguments', () => {
  it('parses list with defaults (URL, prefix) and an explicit target', () => {
    assert.deepEqual(parseDlqArgs(['list', '--service', 'payment-service'], env, services), {
      action: 'list',
      target: { service: 'payment-service', prefix: '', url: defaultUrl },
      json: false,
    });
    const command = parseDlqArgs(['list', '--service', 'stock-service', '--prefix', 't1.', '--url', 'amqp://h', '--management-url', 'http://m', '--json'], env, services);
    assert.deepEqual(command, { action: 'list', target: { service: 'stock-service', prefix: 't1.', url: 'amqp://h', managementUrl: 'http://m' }, json: true });
  });

  it('takes the broker URL from RABBITMQ_URL when --url is absent', () => {
    const command = parseDlqArgs(['list', '--service', 'a'], { RABBITMQ_URL: 'amqp://env' }, services);
    assert.equal(command.action === 'list' && command.target.url, 'amqp://env');
  });

  it('parses show with its message id', () => {
    const command = parseDlqArgs(['show', 'm-1', '--service', 'a'], env, services);
    assert.equal(command.action === 'show' && command.messageId, 'm-1');
    assert.throws(() => parseDlqArgs(['show', '--service', 'a'], env, services), UsageError);
    assert.throws(() => parseDlqArgs(['show', 'm-1', 'm-2', '--service', 'a'], env, services), /unexpected argument 'm-2'/);
  });

  it('parses replay: selection, rate, dry run', () => {
    assert.deepEqual(parseDlqArgs(['replay', '--service', 'a', '--all'], env, services), {
      action: 'replay',
      target: { service: 'a', prefix: '', url: defaultUrl },
      selection: { kind: 'all' },
      ratePerSecond: defaultRatePerSecond,
      dryRun: false,
    });
    const command = parseDlqArgs(['replay', '--service', 'a', '--id', 'm-1', '--rate', '5/s', '--dry-run'], env, services);
    assert.ok(command.action === 'replay');
    assert.deepEqual(command.selection, { kind: 'id', messageId: 'm-1' });
    assert.equal(command.ratePerSecond, 5);
    assert.equal(command.dryRun, true);
  });

  it('refuses to guess which letters: neither or both of --id and --all', () => {
    assert.throws(() => parseDlqArgs(['replay', '--service', 'a'], env, services), /--id <messageId> or --all/);
    assert.throws(() => parseDlqArgs(['purge', '--service', 'a', '--id', 'x', '--all', '--yes'], env, services), /not both/);
  });

  it('refuses purge without --yes', () => {
    assert.throws(() => parseDlqArgs(['purge', '--service', 'a', '--all'], env, services), /--yes/);
    const command = parseDlqArgs(['purge', '--service', 'a', '--all', '--yes'], env, services);
    assert.deepEqual(command.action === 'purge' && command.selection, { kind: 'all' });
  });

  it('refuses a missing or invalid service, unknown actions and options', () => {
    assert.throws(() => parseDlqArgs(['show', 'm-1'], env, services), /--service <name> is required for show: one of a, payment-service, stock-service/);
    assert.throws(() => parseDlqArgs(['list', '--service', 'Bad Name'], env, services), /unknown service 'Bad Name'/);
    assert.throws(() => parseDlqArgs(['drain', '--service', 'a'], env, services), /unknown action 'drain'/);
    assert.throws(() => parseDlqArgs(['list', '--service', 'a', '--force'], env, services), UsageError);
    assert.throws(() => parseDlqArgs([], env, services), /an action is required/);
  });

  it('lists every service without --service, and refuses options that need one', () => {
    assert.deepEqual(parseDlqArgs(['list', '--prefix', 't.'], env, services), {
      action: 'overview',
      target: { services, prefix: 't.', url: defaultUrl },
      json: false,
    });
    assert.equal((parseDlqArgs(['list', '--json'], env, services) as { json: boolean }).json, true);
    assert.throws(() => parseDlqArgs(['list', '--management-url', 'http://m'], env, services), /--management-url needs --service/);
  });

  it("names the valid services when --service is not one (the manifests' services by default)", () => {
    assert.throws(() => parseDlqArgs(['list', '--service', 'nope-service'], env, services), (error: Error) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.message, "unknown service 'nope-service': one of a, payment-service, stock-service");
      return true;
    });
    assert.throws(() => parseDlqArgs(['purge', '--service', 'nope-service', '--all', '--yes']), /one of analytics-service, inventory-service, notification-service, order-service, order-view, payment-service, shipping-service$/);
    assert.equal((parseDlqArgs(['list', '--service', 'order-view'], env) as { target: { service: string } }).target.service, 'order-view');
  });

  it('answers --help before anything else', () => {
    assert.deepEqual(parseDlqArgs(['--help'], env, services), { action: 'help' });
    assert.deepEqual(parseDlqArgs(['replay', '-h', '--service', 'nope'], env, services), { action: 'help' });
  });

  it('reads rates as messages per second above zero', () => {
    assert.equal(parseRate('20'), 20);
    assert.equal(parseRate('0.5/s'), 0.5);
    for (const bad of ['0', '-1', 'fast', '10/m', '']) assert.throws(() => parseRate(bad), UsageError, bad);
  });

  describe('the URL after npm start (the provisioned troupe vhost)', () => {
    const provisioned = () => 'amqp://troupe-dlq:secret@localhost:5672/troupe';
    it('logs in as the provisioned dlq user when neither --url nor RABBITMQ_URL is given', () => {
      const command = parseWithSecrets(['list'], {}, services, provisioned) as { target: { url: string } };
      assert.equal(command.target.url, 'amqp://troupe-dlq:secret@localhost:5672/troupe');
    });
    it('lets --url, RABBITMQ_URL and a prefix of one\'s own win over it', () => {
      const url = (argv: string[], environment: NodeJS.ProcessEnv) => (parseWithSecrets(argv, environment, services, provisioned) as { target: { url: string } }).target.url;
      assert.equal(url(['list', '--url', 'amqp://h'], {}), 'amqp://h');
      assert.equal(url(['list'], { RABBITMQ_URL: 'amqp://env' }), 'amqp://env');
      assert.equal(url(['list', '--prefix', 'mine.'], {}), defaultUrl);
    });
    it('reads DATA_DIR/secrets/dlq.env, and refuses one that others may read', () => {
      const cwd = mkdtempSync(path.join(tmpdir(), 'dlq-secret-'));
      mkdirSync(path.join(cwd, 'data', 'secrets'), { recursive: true });
      const file = path.join(cwd, 'data', 'secrets', 'dlq.env');
      assert.equal(provisionedDlqUrl({}, cwd), undefined);
      writeFileSync(file, '# written by troupe broker provision\nRABBITMQ_URL=amqp://troupe-dlq:pw@localhost:5672/troupe\n', { mode: 0o600 });
      assert.equal(provisionedDlqUrl({}, cwd), 'amqp://troupe-dlq:pw@localhost:5672/troupe');
      chmodSync(file, 0o644);
      assert.equal(provisionedDlqUrl({}, cwd), undefined);
    });
  });
});
