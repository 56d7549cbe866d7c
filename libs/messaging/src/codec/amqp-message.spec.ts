import assert from 'node:assert/strict';
import { carriedHeaders, eventProperties, truncate } from './amqp-message';
import { nextSequence } from '../outbox/row';
import { Semaphore } from '../publish/semaphore';

describe('amqp message helpers', () => {
  const event = {
    specversion: '1.0' as const,
    id: 'e-1',
    source: 'payment-service',
    type: 'payment.captured',
    time: '2026-01-02T03:04:05.678Z',
    subject: 'o-1',
    datacontenttype: 'application/json' as const,
    dataschema: 'x',
    correlationid: 'o-1',
    data: {},
  };

  it('mirrors the envelope into AMQP properties, timestamp in whole seconds', () => {
    assert.deepEqual(eventProperties(event, '00-abc-def-01'), {
      messageId: 'e-1',
      type: 'payment.captured',
      appId: 'payment-service',
      timestamp: Math.floor(Date.parse(event.time) / 1000),
      contentType: 'application/json',
      correlationId: 'o-1',
      headers: { traceparent: '00-abc-def-01' },
    });
    assert.deepEqual(eventProperties(event).headers, {});
  });

  it('drops the broker dead-lettering history from re-published copies, keeps the rest', () => {
    assert.deepEqual(carriedHeaders({ 'x-death': [], 'x-first-death-queue': 'q', traceparent: 't', 'x-troupe-retry-count': 2 }), {
      traceparent: 't',
      'x-troupe-retry-count': 2,
    });
    assert.deepEqual(carriedHeaders(undefined), {});
  });

  it('bounds reason texts', () => {
    assert.equal(truncate('short'), 'short');
    assert.equal(truncate('x'.repeat(50), 10).length, 10);
  });

  it('hands out strictly increasing outbox sequence numbers even within one millisecond', () => {
    const now = Date.now();
    const sequence = [nextSequence(now), nextSequence(now), nextSequence(now - 5)];
    assert.ok(sequence[0]! < sequence[1]! && sequence[1]! < sequence[2]!);
  });

  it('lets a semaphore admit only as many holders as it has slots, in order', async () => {
    const semaphore = new Semaphore(1);
    const order: number[] = [];
    await semaphore.acquire();
    const second = semaphore.acquire().then(() => order.push(2));
    const third = semaphore.acquire().then(() => order.push(3));
    await Promise.resolve();
    assert.deepEqual(order, []);
    semaphore.release();
    await second;
    semaphore.release();
    await third;
    assert.deepEqual(order, [2, 3]);
  });
});
