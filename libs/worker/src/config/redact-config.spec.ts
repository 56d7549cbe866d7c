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
