import assert from 'node:assert/strict';
import { brokerAdmin } from './broker-admin';

describe('brokerAdmin', () => {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it("reaches a cluster's management API on its first node, with that node's credentials", () => {
    assert.deepEqual(brokerAdmin('amqp://admin:pw@rabbit-1:5672/troupe,amqp://admin:pw@rabbit-2:5672/troupe'), { baseUrl: 'http://rabbit-1:15672', authorization: basic('admin', 'pw') });
  });

  it('takes an explicit management URL over the derived one, and guest for a URL without credentials', () => {
    assert.deepEqual(brokerAdmin('amqp://localhost:5681,amqp://localhost:5682', 'http://localhost:15681'), { baseUrl: 'http://localhost:15681', authorization: basic('guest', 'guest') });
  });
});
