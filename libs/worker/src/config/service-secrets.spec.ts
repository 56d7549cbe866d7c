import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { redactConfig } from './redact-config';
import { serviceSecretsFile, withServiceSecrets } from './service-secrets';
import { workerConfigFields } from './worker-config';

describe('withServiceSecrets', () => {
  let dataDir: string;
  const secret = 'amqp://troupe-payment-service:Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4@localhost:5672/troupe';

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'troupe-secrets-spec-'));
    mkdirSync(path.join(dataDir, 'secrets'), { mode: 0o700 });
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const write = (content: string, mode = 0o600) => {
    const file = serviceSecretsFile({ DATA_DIR: dataDir }, 'payment-service');
    writeFileSync(file, content);
    chmodSync(file, mode);
    return file;
  };

  it('reads RABBITMQ_URL from DATA_DIR/secrets/<service>.env when the environment does not set it', () => {
    const file = write(`RABBITMQ_URL=${secret}\n`);
    const resolved = withServiceSecrets({ DATA_DIR: dataDir }, 'payment-service');
    assert.equal(resolved.env.RABBITMQ_URL, secret);
    assert.equal(resolved.rabbitmqUrlFrom, file);
    assert.equal(serviceSecretsFile({}, 'x'), path.join('data', 'secrets', 'x.env'));
  });

  it('lets an explicit RABBITMQ_URL win, and falls back to the default without a file', () => {
    write(`RABBITMQ_URL=${secret}\n`);
    const explicit = withServiceSecrets({ DATA_DIR: dataDir, RABBITMQ_URL: 'amqp://other:5672' }, 'payment-service');
    assert.equal(explicit.env.RABBITMQ_URL, 'amqp://other:5672');
    assert.equal(explicit.rabbitmqUrlFrom, 'environment');
    const none = withServiceSecrets({ DATA_DIR: dataDir }, 'inventory-service');
    assert.equal(none.env.RABBITMQ_URL, undefined);
    assert.equal(none.rabbitmqUrlFrom, 'default');
  });

  it('refuses a secrets file readable by group or others, and one without the line, naming the file but not the password', () => {
    write(`RABBITMQ_URL=${secret}\n`, 0o644);
    assert.throws(() => withServiceSecrets({ DATA_DIR: dataDir }, 'payment-service'), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /readable by group or others; chmod 600/);
      assert.doesNotMatch(error.message, /Zm9vYmFy/);
      return true;
    });
    write('OTHER=1\n');
    assert.throws(() => withServiceSecrets({ DATA_DIR: dataDir }, 'payment-service'), /no RABBITMQ_URL=<url> line/);
  });

  it('never lets the password from the file reach the configuration log line', () => {
    write(`RABBITMQ_URL=${secret}\n`);
    const fields = workerConfigFields(3003);
    const config = loadConfig(withServiceSecrets({ DATA_DIR: dataDir }, 'payment-service').env, fields);
    const shown = JSON.stringify(redactConfig(fields, config));
    assert.match(shown, /troupe-payment-service:\*\*\*@localhost:5672\/troupe/);
    assert.doesNotMatch(shown, /Zm9vYmFy/);
  });
});
