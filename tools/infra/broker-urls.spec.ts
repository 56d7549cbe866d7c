import assert from 'node:assert/strict';
import { BrokerUrlError, parseBrokerUrls } from '@troupe/messaging';
import { brokerUrlList, hostPortOf } from './broker-urls.mjs';

describe('tools/infra broker-urls.mjs', () => {
  it('reads the lists the workers read, the same way', () => {
    for (const value of ['amqp://guest:guest@localhost:5672', ' amqp://u:p@localhost:5681 , amqp://u:p@localhost:5682,amqp://u:p@localhost:5683 ', 'amqps://u:p@a:5671,amqps://u:p@b']) {
      assert.deepEqual(brokerUrlList(value), parseBrokerUrls(value), value);
    }
  });

  it('refuses what the workers refuse, at the same position, never showing a password', () => {
    for (const value of ['amqp://u:s3cret@a,,amqp://u:s3cret@c', 'amqp://u:s3cret@a,', 'amqp://u:s3cret@a,http://u:s3cret@b', 'amqp://u:s3cret@a,amqp//u:s3cret@b', 'amqps://u:s3cret@a,amqp://u:s3cret@b']) {
      const position = (() => {
        try {
          parseBrokerUrls(value);
        } catch (error) {
          return (error as BrokerUrlError).position;
        }
        return 0;
      })();
      assert.ok(position > 0, `messaging refuses ${value}`);
      assert.throws(() => brokerUrlList(value), (error: Error) => error.message.startsWith(`RABBITMQ_URL element ${position} of `) && !error.message.includes('s3cret'), value);
    }
  });

  it('hostPortOf takes the scheme default port', () => {
    assert.deepEqual(hostPortOf('amqp://u:p@rabbit-1/troupe'), { host: 'rabbit-1', port: 5672 });
    assert.deepEqual(hostPortOf('amqps://u:p@rabbit-1'), { host: 'rabbit-1', port: 5671 });
  });
});
