import assert from 'node:assert/strict';
import { brokerEndpoint, BrokerUrlError, firstBrokerUrl, parseBrokerUrls } from './broker-urls';

describe('parseBrokerUrls', () => {
  it('takes one URL, or a comma-separated list in order, each element trimmed', () => {
    assert.deepEqual(parseBrokerUrls('amqp://guest:guest@localhost:5672'), ['amqp://guest:guest@localhost:5672']);
    assert.deepEqual(parseBrokerUrls(' amqp://u:p@rabbit-1:5672/troupe , amqp://u:p@rabbit-2/troupe,amqp://u:p@10.0.0.3:5673 '), [
      'amqp://u:p@rabbit-1:5672/troupe',
      'amqp://u:p@rabbit-2/troupe',
      'amqp://u:p@10.0.0.3:5673',
    ]);
    assert.deepEqual(parseBrokerUrls(['amqps://a:5671', 'amqps://b:5671']), ['amqps://a:5671', 'amqps://b:5671']);
  });

  it('names an empty element by its position', () => {
    assert.throws(() => parseBrokerUrls('amqp://u:p@a:5672,,amqp://u:p@c:5672'), { name: 'BrokerUrlError', problem: 'element 2 of 3 is empty (a stray comma?)', message: 'broker URL element 2 of 3 is empty (a stray comma?)' });
    assert.throws(() => parseBrokerUrls('amqp://u:p@a:5672,'), (error: BrokerUrlError) => error.position === 2 && /element 2 of 2 is empty/.test(error.message));
    assert.throws(() => parseBrokerUrls(''), { problem: 'is empty' });
  });

  it('refuses anything but amqp:// and amqps://, naming the element and never its password', () => {
    const secret = 's3cret-pw';
    for (const list of [`amqp://u:${secret}@a:5672,http://u:${secret}@b:15672`, `amqp://u:${secret}@a:5672,not a url ${secret}`, `amqp://u:${secret}@a:5672,amqp://u:${secret}@`]) {
      assert.throws(
        () => parseBrokerUrls(list),
        (error: Error) => error instanceof BrokerUrlError && error.position === 2 && error.problem.startsWith('element 2 of 2 ') && !error.message.includes(secret),
        list,
      );
    }
    assert.throws(() => parseBrokerUrls('http://a:15672'), { problem: 'must use amqp:// or amqps://, got "http://"' });
  });

  it('refuses a list that mixes amqp:// and amqps://: losing the TLS nodes must not mean credentials in the clear', () => {
    assert.throws(() => parseBrokerUrls(`amqps://u:pw@a:5671,amqps://u:pw@b:5671,amqp://u:pw@c:5672`), { position: 3, message: /element 3 of 3 is amqp:\/\/ but element 1 is not/ });
  });

  it('brokerEndpoint gives host:port without credentials, with the scheme default port', () => {
    assert.deepEqual(brokerEndpoint('amqp://u:pw@rabbit-1/troupe'), { host: 'rabbit-1', port: 5672, secure: false, label: 'rabbit-1:5672' });
    assert.deepEqual(brokerEndpoint('amqps://u:pw@rabbit-2:6671'), { host: 'rabbit-2', port: 6671, secure: true, label: 'rabbit-2:6671' });
    assert.deepEqual(brokerEndpoint('amqp://[::1]:5682'), { host: '::1', port: 5682, secure: false, label: '[::1]:5682' });
  });

  it('firstBrokerUrl is the first node, for what needs one node', () => {
    assert.equal(firstBrokerUrl('amqp://a:5681, amqp://b:5682'), 'amqp://a:5681');
  });
});
