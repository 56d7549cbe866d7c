import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBrokerArgs, UsageError } from './broker-args';
import { amqpBases, readSecret, secretUrl, writeSecret } from './secrets';

const cluster = 'amqp://localhost:5681,amqp://localhost:5682,amqp://localhost:5683';

describe('broker secrets for a cluster', () => {
  it('--amqp-url takes one node or a comma-separated list, keeping only scheme, host and port', () => {
    const provision = (argv: string[]) => {
      const command = parseBrokerArgs(['provision', ...argv], {});
      assert.equal(command.action, 'provision');
      return command.action === 'provision' ? command.target.amqpBase : '';
    };
    assert.equal(provision([]), 'amqp://localhost:5672');
    assert.equal(provision(['--amqp-url', 'amqp://broker:5672']), 'amqp://broker:5672');
    assert.equal(provision(['--amqp-url', cluster]), cluster);
    assert.equal(provision(['--amqp-url', 'amqp://guest:guest@localhost:5681/x , amqp://localhost:5682']), 'amqp://localhost:5681,amqp://localhost:5682');
    assert.deepEqual(amqpBases('amqps://a:5671,amqps://b:5671'), ['amqps://a:5671', 'amqps://b:5671']);
  });

  it('refuses a list the workers would refuse, naming the element and never a password', () => {
    const refused = (value: string, why: RegExp) =>
      assert.throws(() => parseBrokerArgs(['provision', '--amqp-url', value], {}), (error: Error) => error instanceof UsageError && why.test(error.message) && !/s3cret/.test(error.message), value);
    refused('amqp://localhost:5681,', /--amqp-url: .*element 2 of 2 is empty/);
    refused('amqp://u:s3cret@localhost:5681,http://localhost:5682', /element 2 of 2 must use amqp:\/\/ or amqps:\/\//);
    refused('amqp://localhost:5681,amqps://localhost:5682', /same scheme/);
    refused('not a url', /must be a valid URL/);
    assert.throws(() => parseBrokerArgs(['check', '--management-url', 'nope'], {}), /--management-url must be a URL/);
  });

  it("writes every node with the service's credentials and vhost, and reads the password back from the list", () => {
    const url = secretUrl(cluster, 'troupe', 'troupe-payment-service', 'p@ss,word');
    assert.equal(
      url,
      'amqp://troupe-payment-service:p%40ss%2Cword@localhost:5681/troupe,amqp://troupe-payment-service:p%40ss%2Cword@localhost:5682/troupe,amqp://troupe-payment-service:p%40ss%2Cword@localhost:5683/troupe',
    );
    assert.equal(secretUrl('amqp://localhost:5672', 'troupe', 'u', 'p'), 'amqp://u:p@localhost:5672/troupe');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-secrets-'));
    try {
      assert.equal(writeSecret(dir, 'payment-service', url), true);
      assert.equal(writeSecret(dir, 'payment-service', url), false);
      assert.deepEqual(readSecret(dir, 'payment-service'), { user: 'troupe-payment-service', password: 'p@ss,word', url });
      writeSecret(dir, 'one-node', secretUrl('amqp://localhost:5672', 'troupe', 'u', 'p'));
      assert.deepEqual(readSecret(dir, 'one-node'), { user: 'u', password: 'p', url: 'amqp://u:p@localhost:5672/troupe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
