import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventTypes } from '@troupe/order-catalogue';
import { archiveNames, buildTopology, firstBrokerUrl, topologyNames, type Topology } from '@troupe/messaging';
import { openAccessProbe, type AccessOperation, type AccessProbe, type AccessResult } from '@troupe/messaging/testing';
import { desiredState, observerServices, serviceAccess, type ServiceAccess } from './desired-state';
import { managementApi } from './management-api';
import { reconcile } from './reconcile';
import { readSecret } from './secrets';

// The access matrix of the security model (README "Security model", tools/broker/README.md) on the real broker: provision a throwaway vhost with the same code as
// `troupe broker provision`, then, with each service's own credentials, every operation it must not do is refused
// (403 ACCESS_REFUSED) and everything its topology needs succeeds.
// The first node of a cluster list: the matrix is about permissions, which every node of a cluster shares.
const amqpUrl = new URL(firstBrokerUrl(process.env.RABBITMQ_URL || 'amqp://guest:guest@localhost:5672'));
const managementUrl = process.env.RABBITMQ_MANAGEMENT_URL || 'http://guest:guest@localhost:15672';
const amqpBase = `amqp://${amqpUrl.hostname}:${amqpUrl.port || 5672}`;
const refused = 403;

interface Probe {
  label: string;
  operation: AccessOperation;
  expect: 'ok' | typeof refused;
}

/** What a service's workers declare: its topology (retry delays of the default and of the e2e tests). */
function topologyOf(access: ServiceAccess): Topology {
  return buildTopology({ service: access.service, consumes: access.consumes, retryDelaysMs: [1000, 5000, 25000, 200], ...(access.archive ? { archive: {} } : {}) });
}

describe('broker permissions derived from the manifests (real broker)', function () {
  this.timeout(90_000);
  const vhost = `troupe-test-${randomBytes(4).toString('hex')}`;
  const secretsDir = mkdtempSync(path.join(tmpdir(), 'troupe-secrets-'));
  const api = managementApi(managementUrl);
  const services = serviceAccess();
  const desired = desiredState({ vhost, services });
  const probes = new Map<string, AccessProbe>();
  const urlOf = (who: string) => readSecret(secretsDir, who)!.url;

  before(async () => {
    const changes = await reconcile({ api, desired, secretsDir, amqpBase, apply: true });
    assert.ok(changes.some((change) => change.object === `vhost ${vhost}` && change.action === 'created'));
    for (const user of desired.users) probes.set(user.who, await openAccessProbe(urlOf(user.who)));
    // Each service declares its whole topology with its own credentials (its own operations succeed), before any
    // service probes the others' queues.
    for (const access of services) {
      assert.equal(await probes.get(access.service)!.attempt({ op: 'declare-topology', topology: topologyOf(access) }), 'ok', `${access.service} declares its topology`);
    }
  });

  after(async () => {
    for (const probe of probes.values()) await probe.close();
    await api.deleteVhost(vhost).catch(() => undefined);
    for (const user of desired.users) await api.deleteUser(user.user).catch(() => undefined);
    rmSync(secretsDir, { recursive: true, force: true });
  });

  it('provisions idempotently: a second run changes nothing, check finds no drift, secrets are 0600 in a 0700 directory', async () => {
    const again = await reconcile({ api, desired, secretsDir, amqpBase, apply: true });
    assert.deepEqual(again.filter((change) => change.action !== 'unchanged'), []);
    assert.deepEqual((await reconcile({ api, desired, secretsDir, amqpBase, apply: false })).filter((change) => change.action !== 'unchanged'), []);
    assert.equal(statSync(secretsDir).mode & 0o777, 0o700);
    for (const user of desired.users) {
      assert.equal(statSync(path.join(secretsDir, `${user.who}.env`)).mode & 0o777, 0o600, user.who);
      assert.match(urlOf(user.who), new RegExp(`^amqp://${user.user}:[A-Za-z0-9_-]{32}@.+/${vhost}$`));
    }
    const live = await api.permissions(vhost);
    assert.deepEqual(live.map((permission) => permission.user).sort(), desired.users.map((user) => user.user).sort());
    for (const permission of live) for (const kind of ['configure', 'write', 'read'] as const) assert.notEqual(permission[kind], '.*', `${permission.user} ${kind}`);
  });

  it('refuses guest on the vhost, and check reports a permission added by hand', async () => {
    const guest = new URL(amqpUrl);
    guest.pathname = `/${vhost}`;
    await assert.rejects(openAccessProbe(guest.toString()), /ConnectionClose|NOT_ALLOWED|ACCESS_REFUSED/ /* 530 NOT_ALLOWED: no access to the vhost */);
    await api.putPermission(vhost, 'guest', { configure: '.*', write: '.*', read: '.*' });
    const drift = (await reconcile({ api, desired, secretsDir, amqpBase, apply: false })).filter((change) => change.action !== 'unchanged');
    assert.deepEqual(drift.map((change) => `${change.action} ${change.object}`), [`removed permissions guest@${vhost}`]);
    await reconcile({ api, desired, secretsDir, amqpBase, apply: true });
    assert.equal((await api.permissions(vhost)).some((permission) => permission.user === 'guest'), false);
  });

  it('rotates one password and keeps the others; the old password no longer connects', async () => {
    const before = desired.users.map((user) => readSecret(secretsDir, user.who)!.password);
    const oldUrl = urlOf('shipping-service');
    const changes = await reconcile({ api, desired, secretsDir, amqpBase, apply: true, rotate: new Set(['shipping-service']) });
    assert.deepEqual(changes.filter((change) => change.action !== 'unchanged').map((change) => change.object), [`user ${vhost}-shipping-service`, 'secrets shipping-service.env']);
    desired.users.forEach((user, index) => {
      const now = readSecret(secretsDir, user.who)!.password;
      if (user.who === 'shipping-service') assert.notEqual(now, before[index]);
      else assert.equal(now, before[index], user.who);
    });
    await assert.rejects(openAccessProbe(oldUrl), /ACCESS_REFUSED|403/);
    const fresh = await openAccessProbe(urlOf('shipping-service'));
    await fresh.close();
  });

  for (const access of serviceAccess()) {
    it(`${access.service}: refused everything outside its manifest and its own names; its own operations succeed`, async () => {
      const probe = probes.get(access.service)!;
      const names = topologyNames('', access.service);
      const own = topologyOf(access);
      const list: Probe[] = [];
      const add = (label: string, operation: AccessOperation, expect: Probe['expect']) => list.push({ label, operation, expect });

      for (const type of eventTypes) {
        add(`publish ${type}`, { op: 'publish', exchange: names.eventsExchange, routingKey: type }, access.emits.includes(type) ? 'ok' : refused);
      }
      add('publish with an empty routing key', { op: 'publish', exchange: names.eventsExchange, routingKey: '' }, refused);
      // An observer (the saga board) replays dead letters through the default exchange and reads every DLQ, as the DLQ tool does.
      const observer = observerServices.includes(access.service);
      add('publish to the default exchange', { op: 'publish', exchange: '', routingKey: own.queues[0]!.name }, observer ? 'ok' : refused);
      for (const queue of own.queues) {
        if (queue.name === archiveNames('').archiveStream) continue; // a stream: consumed with an offset, not purged
        add(`consume own ${queue.name}`, { op: 'consume', queue: queue.name }, 'ok');
        add(`purge own ${queue.name}`, { op: 'purge', queue: queue.name }, 'ok');
      }
      add('publish to own retry exchange', { op: 'publish', exchange: names.retryExchange, routingKey: '' }, 'ok');
      add('publish to own dead-letter exchange', { op: 'publish', exchange: names.deadLetterExchange, routingKey: '' }, 'ok');
      add('declare a queue outside its names', { op: 'declare-queue', queue: `${access.service}.not-in-topology` }, refused);
      add('declare an exchange outside its names', { op: 'declare-exchange', exchange: `${access.service}.elsewhere`, type: 'fanout' }, refused);
      add('declare an unprefixed queue', { op: 'declare-queue', queue: 'anything' }, refused);
      add('delete the archive it does not own', { op: 'delete-queue', queue: archiveNames('').archiveStream }, access.archive ? 'ok' : refused);

      for (const other of services.filter((candidate) => candidate.service !== access.service)) {
        const theirs = topologyOf(other);
        const theirNames = topologyNames('', other.service);
        for (const queue of theirs.queues.filter((candidate) => candidate.name.startsWith(`${other.service}.`))) {
          const readable = observer && queue.name === theirNames.deadLetterQueue ? 'ok' : refused;
          add(`consume ${queue.name}`, { op: 'consume', queue: queue.name }, readable);
          add(`get ${queue.name}`, { op: 'get', queue: queue.name }, readable);
          add(`purge ${queue.name}`, { op: 'purge', queue: queue.name }, readable);
          add(`delete ${queue.name}`, { op: 'delete-queue', queue: queue.name }, refused);
          add(`declare ${queue.name}`, { op: 'declare-queue', queue: queue.name }, refused);
        }
        for (const exchange of [theirNames.retryExchange, theirNames.deadLetterExchange, theirNames.fenceExchange]) {
          add(`publish to ${exchange}`, { op: 'publish', exchange, routingKey: theirNames.consumerQueue(other.consumes[0] ?? 'x.y') }, refused);
          add(`delete ${exchange}`, { op: 'delete-exchange', exchange }, refused);
        }
        if (other.consumes[0] && access.consumes[0]) {
          add(`bind own queue to ${theirNames.fenceExchange}`, { op: 'bind', queue: names.consumerQueue(access.consumes[0]), exchange: theirNames.fenceExchange, pattern: '#' }, refused);
        }
      }

      // The archive is a stream; its own turn is last, so deleting it (order-view's right) does not disturb the probes.
      const deleteArchive = list.findIndex((entry) => entry.label === 'delete the archive it does not own');
      list.push(...list.splice(deleteArchive, 1));
      const results: AccessResult[] = [];
      for (const entry of list) results.push(await probe.attempt(entry.operation));
      const wrong = list.map((entry, index) => ({ ...entry, got: results[index] })).filter((entry) => entry.got !== entry.expect);
      assert.deepEqual(wrong.map((entry) => `${entry.label}: expected ${entry.expect}, got ${entry.got}`), []);
      assert.ok(list.filter((entry) => entry.expect === refused).length > 50, 'refusals asserted');
      if (access.archive) {
        assert.equal(await probe.attempt({ op: 'declare-topology', topology: own }), 'ok', 're-declares its topology with the archive');
      }
    });
  }

  it('the DLQ tool reads every DLQ and nothing else; bench and chaos stay within their prefixes', async () => {
    const dlq = probes.get('dlq')!;
    for (const access of services) {
      const names = topologyNames('', access.service);
      assert.equal(await dlq.attempt({ op: 'get', queue: names.deadLetterQueue }), 'ok', names.deadLetterQueue);
      if (access.consumes[0]) assert.equal(await dlq.attempt({ op: 'get', queue: names.consumerQueue(access.consumes[0]) }), refused);
      assert.equal(await dlq.attempt({ op: 'delete-queue', queue: names.deadLetterQueue }), refused);
    }
    assert.equal(await dlq.attempt({ op: 'publish', exchange: 'troupe.events', routingKey: 'order.created' }), refused);
    assert.equal(await dlq.attempt({ op: 'declare-queue', queue: 'dlq.anything' }), refused);
    for (const kit of ['bench', 'chaos']) {
      const probe = probes.get(kit)!;
      const prefix = `${kit}-${randomBytes(3).toString('hex')}.`;
      const topology = buildTopology({ prefix, service: 'payment-service', consumes: ['stock.reserved'], retryDelaysMs: [100] });
      assert.equal(await probe.attempt({ op: 'declare-topology', topology }), 'ok', `${kit} declares under its prefix`);
      assert.equal(await probe.attempt({ op: 'publish', exchange: `${prefix}troupe.events`, routingKey: 'order.created' }), 'ok');
      assert.equal(await probe.attempt({ op: 'get', queue: 'payment-service.stock.reserved' }), refused);
      const archiveRead = await probe.attempt({ op: 'consume-stream', queue: archiveNames('').archiveStream });
      assert.equal(archiveRead, kit === 'bench' ? 'ok' : refused, `${kit} reading the live archive (the bench times a running system from it)`);
      assert.equal(await probe.attempt({ op: 'delete-queue', queue: archiveNames('').archiveStream }), refused);
      assert.equal(await probe.attempt({ op: 'publish', exchange: 'troupe.events', routingKey: 'order.created' }), refused);
      for (const queue of topology.queues) assert.equal(await probe.attempt({ op: 'delete-queue', queue: queue.name }), 'ok');
    }
  });
});
