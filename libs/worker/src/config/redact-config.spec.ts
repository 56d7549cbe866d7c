import assert from 'node:assert/strict';
import { loadConfig } from './load-config';
import { redactConfig } from './redact-config';
import { workerConfigFields } from './worker-config';

describe('redactConfig', () => {
  it('masks passwords in URLs and shows everything else as loaded', () => {
    const fields = workerConfigFields(3000);
    const config = loadConfig({ RABBITMQ_URL: 'amqp://svc:s3cret@broker:5672/troupe', MONGO_URL: 'mongodb://app:pw@db/?replicaSet=rs0' }, fields);
    const shown = redactConfig(fields, config);
    assert.equal(shown.RABBITMQ_URL, 'amqp://svc:***@broker:5672/troupe');
    assert.equal(shown.MONGO_URL, 'mongodb://app:***@db/?replicaSet=rs0');
    assert.equal(shown.PORT, 3000);
    assert.doesNotMatch(JSON.stringify(shown), /s3cret|:pw@/);
  });

  it('hides ADMIN_TOKEN whole, whatever it looks like', () => {
    const fields = workerConfigFields(3000);
    assert.equal(redactConfig(fields, loadConfig({ ADMIN_TOKEN: 's3cret-admin-token-0123' }, fields)).ADMIN_TOKEN, '***');
    // A secret that happens to parse as a URL without an authority ("scheme:rest") is hidden whole too.
    assert.equal(redactConfig(fields, { ADMIN_TOKEN: 'abc:def0123456789' }).ADMIN_TOKEN, '***');
    assert.equal(redactConfig(fields, loadConfig({}, fields)).ADMIN_TOKEN, undefined);
  });
});

describe('redactConfig with a cluster', () => {
  const fields = workerConfigFields(3000);

  it('masks the password of every node URL of RABBITMQ_URL', () => {
    const config = loadConfig({ RABBITMQ_URL: 'amqp://svc:pw-one@rabbit-1:5672/troupe, amqp://svc:pw-two@rabbit-2:5672/troupe,amqp://svc:pw-three@rabbit-3/troupe' }, fields);
    assert.equal(redactConfig(fields, config).RABBITMQ_URL, 'amqp://svc:***@rabbit-1:5672/troupe,amqp://svc:***@rabbit-2:5672/troupe,amqp://svc:***@rabbit-3/troupe');
    assert.doesNotMatch(JSON.stringify(redactConfig(fields, config)), /pw-one|pw-two|pw-three/);
  });

  it('never splits a MongoDB URL that lists its hosts with commas: its second host is no URL, so it is one value, hidden', () => {
    // WHATWG URL cannot parse mongodb://…@db1:27017,db2:27017, so it is hidden whole rather than cut into pieces.
    const shown = redactConfig(fields, { MONGO_URL: 'mongodb://app:m0ngo-pw@db1:27017,db2:27017/?replicaSet=rs0' });
    assert.equal(shown.MONGO_URL, '***');
  });

  it('hides a list element it cannot read whole, and masks the others', () => {
    assert.equal(redactConfig(fields, { RABBITMQ_URL: 'amqp://u:pw@a:5672,amqp://u:p w@[bad' }).RABBITMQ_URL, 'amqp://u:***@a:5672,***');
  });
});
