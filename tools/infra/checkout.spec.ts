import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkoutId, describeClash, otherCheckouts, vhostOf } from './checkout.mjs';

// Two checkouts on one broker (tools/infra/checkout.mjs): npm start refuses to share another checkout's names.
describe('npm start: another checkout on the same broker', () => {
  const services = ['order-service', 'order-view', 'payment-service'];
  const connection = (name: string, vhost = 'troupe', peer = '10.0.0.7') => ({ vhost, peer_host: peer, client_properties: { connection_name: name } });

  it('gives a checkout a stable id from its real path, different for another path', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'troupe-checkout-'));
    try {
      const link = `${root}-link`;
      symlinkSync(root, link);
      assert.match(checkoutId(root), /^[0-9a-f]{8}$/);
      assert.equal(checkoutId(root), checkoutId(root));
      assert.equal(checkoutId(link), checkoutId(root), 'the same checkout through a symlink');
      assert.notEqual(checkoutId(root), checkoutId(tmpdir()));
      rmSync(link);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("finds another checkout's workers on the vhost this start uses, and ignores its own", () => {
    const connections = [
      connection('order-service (checkout aaaaaaaa)'),
      connection('payment-service (checkout aaaaaaaa)', 'troupe', '10.0.0.8'),
      connection('order-service (checkout bbbbbbbb)'),
      connection('order-view (checkout cccccccc)', '/'),
      connection('troupe-bench raw', 'troupe'),
    ];
    const found = otherCheckouts(connections, { ownId: 'bbbbbbbb', vhost: 'troupe', prefix: '', services, provisioning: true });
    assert.deepEqual(found.others, [{ checkout: 'aaaaaaaa', prefix: '', services: ['order-service', 'payment-service'], peers: ['10.0.0.7', '10.0.0.8'] }]);
    assert.deepEqual(found.unmarked, []);
  });

  it('without provisioning, a checkout under another prefix is no clash; under the same prefix it is', () => {
    const connections = [connection('b.order-service (checkout aaaaaaaa)', '/'), connection('order-view (checkout dddddddd)', '/')];
    const mine = (prefix: string) => otherCheckouts(connections, { ownId: 'bbbbbbbb', vhost: '/', prefix, services, provisioning: false }).others;
    assert.deepEqual(mine('').map((other) => other.checkout), ['dddddddd']);
    assert.deepEqual(mine('b.').map((other) => [other.checkout, other.prefix]), [['aaaaaaaa', 'b.']]);
    assert.deepEqual(mine('c.'), []);
  });

  it('with provisioning, any prefix of another checkout on the vhost is a clash: it logs in as the users this start re-provisions', () => {
    const found = otherCheckouts([connection('x.order-view (checkout aaaaaaaa)')], { ownId: 'bbbbbbbb', vhost: 'troupe', prefix: '', services, provisioning: true });
    assert.deepEqual(found.others.map((other) => other.services), [['order-view']]);
  });

  it('reports workers without a checkout (npm run worker, an older checkout) apart, as they may be this checkout’s own', () => {
    const found = otherCheckouts([connection('order-service'), connection('bench-raw order-service')], { ownId: 'bbbbbbbb', vhost: 'troupe', prefix: '', services, provisioning: true });
    assert.deepEqual(found, { others: [], unmarked: ['order-service'] });
    const elsewhere = otherCheckouts([connection('order-service', '/')], { ownId: 'bbbbbbbb', vhost: '/', prefix: '', services, provisioning: false });
    assert.deepEqual(elsewhere.unmarked, [], 'on another vhost a bare name may be a test kit under its own prefix');
  });

  it('says who is there and how to go on', () => {
    const text = describeClash([{ checkout: 'aaaaaaaa', prefix: '', services: ['order-service'], peers: ['10.0.0.7'] }], { vhost: 'troupe', prefix: '' }).join('\n');
    assert.match(text, /another Troupe checkout already runs workers on this broker \(vhost troupe, the default names\)/);
    assert.match(text, /checkout aaaaaaaa on 10\.0\.0\.7: order-service/);
    assert.match(text, /Nothing was started/);
    assert.match(text, /RABBITMQ_PREFIX=mine\. npm start/);
    assert.doesNotMatch(text, /re-provision/, 'a start that provisions nothing changes no one\'s users');
    const provisioning = describeClash([{ checkout: 'aaaaaaaa', prefix: '', services: ['order-service'], peers: [] }], { vhost: 'troupe', prefix: '', provisioning: true }).join('\n');
    assert.match(provisioning, /re-provision the broker users they log in as/);
  });

  it('reads the vhost of a URL or of the first of a node list', () => {
    assert.equal(vhostOf('amqp://guest:guest@localhost:5672'), '/');
    assert.equal(vhostOf('amqp://u:p@h:5672/troupe'), 'troupe');
    assert.equal(vhostOf('amqp://u:p@h:5681/%2Fx, amqp://u:p@h:5682/%2Fx'), '/x');
  });
});
