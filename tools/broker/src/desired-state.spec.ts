import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { matchNothing } from '@troupe/messaging';
import { archiveDeclaredBy, desiredState, serviceAccess, workerApps, workspaceRoot } from './desired-state';
import { parseBrokerArgs, UsageError } from './broker-args';
import { passwordMatches, newPassword } from './password-hash';
import { createHash, randomBytes } from 'node:crypto';

describe('desired broker state', () => {
  it('has one user per worker app and per tool, none with a .* permission', () => {
    const state = desiredState({ vhost: 'troupe' });
    assert.deepEqual(
      state.users.map((user) => user.user),
      [...workerApps().map((app) => `troupe-${app}`), 'troupe-dlq', 'troupe-bench', 'troupe-chaos'],
    );
    // Derived from apps/*/project.json: the order system's apps are found, and a generated worker joins them.
    for (const app of ['order-service', 'order-view', 'inventory-service', 'payment-service', 'shipping-service', 'notification-service', 'analytics-service', 'reconciler']) {
      assert.ok(workerApps().includes(app), `${app} is a worker app`);
    }
    for (const user of state.users) for (const regex of Object.values(user.permissions)) assert.notEqual(regex, '.*', user.user);
  });

  it('takes consumes and emits from the manifests; reconciler (no manifest) gets neither', () => {
    const byService = new Map(serviceAccess().map((access) => [access.service, access]));
    assert.deepEqual(byService.get('payment-service')!.emits, ['payment.captured', 'payment.declined', 'payment.refunded']);
    assert.deepEqual(byService.get('order-service')!.emits, ['order.cancellation-requested', 'order.cancelled', 'order.confirmed', 'order.created', 'order.rejected']);
    assert.deepEqual(byService.get('reconciler'), { service: 'reconciler', consumes: [], emits: [], archive: false });
  });

  it('lets the saga board read the archive and every DLQ and replay through the default exchange, and nothing of another service', () => {
    const board = desiredState({ vhost: 'troupe', prefix: 'p.' }).users.find((user) => user.who === 'saga-board')!;
    const matches = (regex: string, name: string) => new RegExp(regex).test(name);
    for (const name of ['p.troupe.archive', 'p.payment-service.dlq', 'p.order-view.dlq', 'p.saga-board.dlq']) assert.ok(matches(board.permissions.read, name), name);
    for (const name of ['p.payment-service.stock.reserved', 'p.payment-service.retry', 'troupe.archive']) assert.ok(!matches(board.permissions.read, name), name);
    assert.ok(matches(board.permissions.write, 'amq.default'));
    assert.ok(!matches(board.permissions.write, 'p.troupe.archive'), 'it never writes the archive');
    assert.ok(!matches(board.permissions.configure, 'p.troupe.archive'), 'nor declares it');
    assert.equal(board.topic!.write, matchNothing, 'it emits no event');
  });

  it('knows which apps declare the event archive (checked against apps/*/src/worker.ts)', () => {
    const declaring = workerApps().filter((app) => /\barchive:\s*\{/.test(readFileSync(path.join(workspaceRoot, 'apps', app, 'src', 'worker.ts'), 'utf8')));
    assert.deepEqual(declaring, [...archiveDeclaredBy]);
  });
});

describe('troupe broker arguments', () => {
  it('defaults to the troupe vhost on the local broker, and takes RABBITMQ_MANAGEMENT_URL', () => {
    const command = parseBrokerArgs(['provision'], { RABBITMQ_MANAGEMENT_URL: 'http://admin:x@h:15672' });
    assert.equal(command.action, 'provision');
    if (command.action !== 'provision') return;
    assert.equal(command.target.vhost, 'troupe');
    assert.equal(command.target.managementUrl, 'http://admin:x@h:15672');
    assert.deepEqual(parseBrokerArgs(['check', '--help'], {}), { action: 'help', topic: 'check' });
    assert.deepEqual(parseBrokerArgs(['provision', '-h'], {}), { action: 'help', topic: 'provision' });
    assert.deepEqual(parseBrokerArgs([], {}), { action: 'help', topic: 'broker' });
  });

  it('refuses unknown actions, --rotate on check and a bad vhost', () => {
    assert.throws(() => parseBrokerArgs(['drop'], {}), UsageError);
    assert.throws(() => parseBrokerArgs(['check', '--rotate', 'x'], {}), /--rotate belongs to provision/);
    assert.throws(() => parseBrokerArgs(['check', '--vhost', '/'], {}), /invalid vhost/);
  });
});

describe('password hashes', () => {
  it("recognises RabbitMQ's salted SHA-256 hash of a password, and nothing else", () => {
    const password = newPassword();
    assert.match(password, /^[A-Za-z0-9_-]{32}$/);
    const salt = randomBytes(4);
    const hash = Buffer.concat([salt, createHash('sha256').update(Buffer.concat([salt, Buffer.from(password)])).digest()]).toString('base64');
    assert.ok(passwordMatches(password, hash, 'rabbit_password_hashing_sha256'));
    assert.ok(!passwordMatches(`${password}x`, hash, 'rabbit_password_hashing_sha256'));
    assert.ok(!passwordMatches(password, hash, 'unknown'));
  });
});
