import assert from 'node:assert/strict';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import type { DeadLetter } from '@troupe/messaging';
import { summarise } from './letter-summary';
import { checkReplay } from './replay-check';
import { replayProperties, replayedAtHeader } from './replay-properties';

const event = sampleEvent('stock.reserved');

function letter(body: unknown, originalQueue: string | undefined): DeadLetter {
  const headers: Record<string, unknown> = originalQueue ? { 'x-troupe-original-queue': originalQueue } : {};
  return { tag: 1, content: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), properties: { messageId: event.id, type: event.type, headers } };
}

function check(dead: DeadLetter) {
  return checkReplay(dead, summarise(dead), 't.', 'payment-service');
}

describe('replay checks and properties', () => {
  it('sends a valid event back to the one queue of this service for its type', () => {
    assert.deepEqual(check(letter(event, 't.payment-service.stock.reserved')), { ok: true, queue: 't.payment-service.stock.reserved', routingKey: 'stock.reserved' });
  });

  it('keeps letters that do not validate today', () => {
    const verdict = check(letter({ ...event, data: { nope: true } }, 't.payment-service.stock.reserved'));
    assert.equal(verdict.ok, false);
    assert.match(!verdict.ok ? verdict.reason : '', /invalid/);
    assert.equal(check(letter('not json', 't.payment-service.stock.reserved')).ok, false);
  });

  it("keeps letters whose recorded queue is not this service's queue for the event's type", () => {
    for (const queue of ['t.stock-service.stock.reserved', 't.payment-service.dlq', 't.payment-service.order.created', 'payment-service.stock.reserved', undefined]) {
      assert.equal(check(letter(event, queue)).ok, false, String(queue));
    }
  });

  it('keeps letters a read side parked while reading the archive, and says how to recover them', () => {
    const verdict = check(letter(event, 't.troupe.archive'));
    assert.equal(verdict.ok, false);
    assert.match(!verdict.ok ? verdict.reason : '', /reading the event archive.*rebuild payment-service's read model/);
  });

  it('keeps the event properties and trace, drops failure bookkeeping, marks the copy', () => {
    const kept = replayProperties(
      {
        messageId: 'm-1',
        type: 'stock.reserved',
        appId: 'stock-service',
        timestamp: 1,
        contentType: 'application/json',
        correlationId: 'c-1',
        headers: {
          traceparent: '00-abc-def-01',
          'x-death': [{}],
          'x-delivery-count': 3,
          'x-first-death-queue': 'q',
          'x-troupe-error': 'boom',
          'x-troupe-reason': 'non-recoverable',
          'x-troupe-retry-count': 3,
          'x-troupe-original-queue': 'q',
        },
      },
      'stock.reserved',
      new Date('2026-01-01T00:00:00.000Z'),
    );
    assert.deepEqual(kept, {
      messageId: 'm-1',
      type: 'stock.reserved',
      appId: 'stock-service',
      timestamp: 1,
      contentType: 'application/json',
      correlationId: 'c-1',
      headers: { traceparent: '00-abc-def-01', 'x-troupe-original-routing-key': 'stock.reserved', [replayedAtHeader]: '2026-01-01T00:00:00.000Z' },
    });
  });
});
