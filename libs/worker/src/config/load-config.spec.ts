import assert from 'node:assert/strict';
import { ConfigError } from './config-error';
import { ConfigFields } from './config-field';
import { booleanField, enumField, integerField, optionalStringField } from './field-types';
import { loadConfig } from './load-config';
import { workerConfigFields } from './worker-config';

function problemOf(env: Record<string, string>, fields: ConfigFields = workerConfigFields(3000)): ConfigError {
  try {
    loadConfig(env, fields);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.doesNotMatch(error.message, /\n/, 'the message must be one line');
    return error;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({}, workerConfigFields(3002));
    assert.deepEqual(
      { ...config },
      {
        PORT: 3002,
        HOST: '0.0.0.0',
        RABBITMQ_URL: 'amqp://guest:guest@localhost:5672',
        RABBITMQ_CA_FILE: undefined,
        RABBITMQ_CERT_FILE: undefined,
        RABBITMQ_KEY_FILE: undefined,
        RABBITMQ_PREFIX: '',
        MONGO_URL: undefined,
        MONGO_DATABASE_PREFIX: '',
        DATA_DIR: 'data',
        STORE_FAULTS: 'off',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'auto',
        TROUPE_CHECKOUT: undefined,
        SHUTDOWN_TIMEOUT_MS: 10000,
        SAGA_DEADLINE_MS: 30000,
        ADMIN_TOKEN: undefined,
        OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      },
    );
  });

  it('names the accepted forms of STORE_FAULTS when it is wrong', () => {
    assert.throws(() => loadConfig({ STORE_FAULTS: 'rerun:3' }, workerConfigFields(3002)), /STORE_FAULTS[\s\S]*rerun:<share 0-1>/);
    assert.equal(loadConfig({ STORE_FAULTS: 'rerun:0.3' }, workerConfigFields(3002)).STORE_FAULTS, 'rerun:0.3');
  });

  it('reads set values with their types and treats empty as unset', () => {
    const config = loadConfig(
      { PORT: '0', RABBITMQ_URL: 'amqps://u:p@broker:5671/vh', MONGO_URL: 'mongodb://db/?replicaSet=rs0', LOG_LEVEL: 'debug', DATA_DIR: '', RABBITMQ_PREFIX: 't-1.x_' },
      workerConfigFields(3000),
    );
    assert.equal(config.PORT, 0);
    assert.equal(config.RABBITMQ_URL, 'amqps://u:p@broker:5671/vh');
    assert.equal(config.MONGO_URL, 'mongodb://db/?replicaSet=rs0');
    assert.equal(config.LOG_LEVEL, 'debug');
    assert.equal(config.DATA_DIR, 'data');
    assert.equal(config.RABBITMQ_PREFIX, 't-1.x_');
  });

  it('ignores variables it does not declare', () => {
    assert.equal(loadConfig({ PATH: '/bin', PORT: '1' }, workerConfigFields(3000)).PORT, 1);
  });

  const invalid: Array<[string, Record<string, string>, RegExp]> = [
    ['a non-numeric port', { PORT: 'http' }, /^Invalid configuration: PORT must be an integer between 0 and 65535, got "http"$/],
    ['a fractional port', { PORT: '30.5' }, /^Invalid configuration: PORT must be an integer/],
    ['a port out of range', { PORT: '70000' }, /^Invalid configuration: PORT must be an integer between 0 and 65535, got "70000"$/],
    ['a negative timeout', { SHUTDOWN_TIMEOUT_MS: '-5' }, /^Invalid configuration: SHUTDOWN_TIMEOUT_MS must be an integer between 1 and/],
    ['a zero saga deadline', { SAGA_DEADLINE_MS: '0' }, /^Invalid configuration: SAGA_DEADLINE_MS must be an integer between 1 and/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"$/],
    ['a broker URL with the wrong scheme', { RABBITMQ_URL: 'http://localhost:5672' }, /^Invalid configuration: RABBITMQ_URL must use amqp:\/\/ or amqps:\/\/, got "http:\/\/"$/],
    ['a broker URL that is not a URL', { RABBITMQ_URL: 'not a url' }, /^Invalid configuration: RABBITMQ_URL must be a valid URL/],
    ['a Mongo URL with the wrong scheme', { MONGO_URL: 'postgres://db' }, /^Invalid configuration: MONGO_URL must use mongodb:\/\/ or mongodb\+srv:\/\/, got "postgres:\/\/"$/],
    ['an OTLP endpoint that is not http', { OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://jaeger:4317' }, /^Invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT must use http:\/\/ or https:\/\//],
    ['a prefix with spaces', { RABBITMQ_PREFIX: 'my prefix' }, /^Invalid configuration: RABBITMQ_PREFIX must be up to 64 letters, digits/],
  ];
  for (const [what, env, expected] of invalid) {
    it(`refuses ${what} with one line naming the variable`, () => {
      assert.match(problemOf(env).message, expected);
    });
  }

  it('reads a cluster as a comma-separated list of node URLs, each trimmed', () => {
    const config = loadConfig({ RABBITMQ_URL: ' amqp://u:p@rabbit-1:5672/troupe , amqp://u:p@rabbit-2:5672/troupe ' }, workerConfigFields(3000));
    assert.equal(config.RABBITMQ_URL, 'amqp://u:p@rabbit-1:5672/troupe,amqp://u:p@rabbit-2:5672/troupe');
  });

  const invalidLists: Array<[string, string, RegExp]> = [
    ['an empty element', 'amqp://u:s3cret@a:5672,,amqp://u:s3cret@c:5672', /^Invalid configuration: RABBITMQ_URL element 2 of 3 is empty \(a stray comma\?\)$/],
    ['a trailing comma', 'amqp://u:s3cret@a:5672,', /^Invalid configuration: RABBITMQ_URL element 2 of 2 is empty/],
    ['an element with the wrong scheme', 'amqp://u:s3cret@a:5672,http://u:s3cret@b:15672', /^Invalid configuration: RABBITMQ_URL element 2 of 2 must use amqp:\/\/ or amqps:\/\/, got "http:\/\/"$/],
    ['an element that is not a URL', 'amqp://u:s3cret@a:5672,amqp//u:s3cret@b,amqp://u:s3cret@c:5672', /^Invalid configuration: RABBITMQ_URL element 2 of 3 must be a valid URL/],
    ['a mix of amqp and amqps', 'amqps://u:s3cret@a:5671,amqp://u:s3cret@b:5672', /^Invalid configuration: RABBITMQ_URL element 2 of 2 is amqp:\/\/ but element 1 is not/],
  ];
  for (const [what, list, expected] of invalidLists) {
    it(`refuses a broker list with ${what}, naming its position and not its password`, () => {
      const message = problemOf({ RABBITMQ_URL: list }).message;
      assert.match(message, expected);
      assert.doesNotMatch(message, /s3cret/);
    });
  }

  it('never echoes a URL that may carry credentials', () => {
    const message = problemOf({ RABBITMQ_URL: 'amqp//user:s3cret@host' }).message;
    assert.doesNotMatch(message, /s3cret/);
  });

  it('refuses an ADMIN_TOKEN that is short or has spaces without echoing it, and reads a good one', () => {
    for (const bad of ['short-s3cret', 'has s3cret spaces 0123456789']) {
      const message = problemOf({ ADMIN_TOKEN: bad }).message;
      assert.match(message, /^Invalid configuration: ADMIN_TOKEN must be at least 16 characters/);
      assert.doesNotMatch(message, /s3cret/);
    }
    assert.equal(loadConfig({ ADMIN_TOKEN: 'a-good-admin-token-0123' }, workerConfigFields(3000)).ADMIN_TOKEN, 'a-good-admin-token-0123');
  });

  it('reports a required field without default as missing, and lets apps declare their own types', () => {
    const fields = {
      SMTP_URL: optionalStringField({ description: 'mail relay' }),
      DRY_RUN: booleanField({ description: 'no side effects', default: false }),
      MODE: enumField({ description: 'mode', values: ['a', 'b'] as const }),
      BATCH: integerField({ description: 'batch', min: 1 }),
    };
    assert.match(problemOf({ MODE: 'a' }, fields).message, /^Invalid configuration: BATCH is required but not set$/);
    assert.match(problemOf({ MODE: 'a', BATCH: '1', DRY_RUN: 'maybe' }, fields).message, /^Invalid configuration: DRY_RUN must be true or false, got "maybe"$/);
    const config = loadConfig({ MODE: 'b', BATCH: '7', DRY_RUN: 'yes' }, fields);
    assert.deepEqual({ ...config }, { SMTP_URL: undefined, DRY_RUN: true, MODE: 'b', BATCH: 7 });
  });
});
