import assert from 'node:assert/strict';
import type { SystemSnapshot } from '@troupe/saga';
import type { DrivenOrder } from './driver';
import { orderBody } from '@troupe/order-testing';
import { askedOutcome, type OrderKind } from './order-mix';
import { buildPoison } from './poison';
import { deadlineOverrides, duplicateEffects, finalLine, judge, passes, type VerdictInput } from './verdict';

const driven = (index: number, kind: OrderKind, orderId: string | undefined, extra: Partial<DrivenOrder> = {}): DrivenOrder => ({
  planned: { index, kind, body: orderBody(), cancel: kind === 'customer-cancelled', asked: askedOutcome[kind] },
  ...(orderId ? { orderId } : { placeError: 'down' }),
  placeAttempts: 1,
  placeMs: 5,
  expected: askedOutcome[kind],
  ...extra,
});

const snapshotOf = (orders: Array<{ orderId: string; status: 'CONFIRMED' | 'CANCELLED' | 'REJECTED'; reason?: string }>): SystemSnapshot => ({
  orders: orders.map((order) => ({ ...order, totalCents: 100, items: [], deadline: '2030-01-01T00:00:30.000Z' })),
  stock: [],
  payments: [],
  shipments: [],
  notifications: [],
  orderView: [],
  analytics: { outcomes: { CONFIRMED: 0, REJECTED: 0, CANCELLED: 0 }, revenueCents: 0 },
});

const base = (overrides: Partial<VerdictInput>): VerdictInput => ({
  driven: [],
  invariantViolations: [],
  eventsOf: () => [],
  poison: [],
  poisonNotPublished: [],
  deadLetters: [],
  crashes: [],
  ...overrides,
});

describe('chaos verdict', () => {
  it('counts goodput as orders that ended as their input (or a 409 cancel) asked, and builds the outcome table', () => {
    const verdict = judge(
      base({
        driven: [
          driven(0, 'happy', 'a'),
          driven(1, 'happy', 'b'),
          driven(2, 'customer-cancelled', 'c', { cancel: { status: 409, reported: { status: 'CONFIRMED' }, attempts: 1 }, expected: { status: 'CONFIRMED' } }),
          driven(3, 'declined', undefined),
        ],
        snapshot: snapshotOf([
          { orderId: 'a', status: 'CONFIRMED' },
          { orderId: 'b', status: 'CANCELLED', reason: 'timed_out' },
          { orderId: 'c', status: 'CONFIRMED' },
        ]),
      }),
    );
    assert.equal(verdict.asAsked, 2);
    assert.equal(verdict.goodputPct, 50);
    assert.deepEqual(verdict.outcomes.find((row) => row.outcome === 'CONFIRMED'), { outcome: 'CONFIRMED', asked: 3, got: 2, asAsked: 2 });
    assert.equal(verdict.outcomes.find((row) => row.outcome === 'not placed')?.got, 1);
    assert.equal(passes(verdict), false);
    assert.equal(finalLine(verdict), 'chaos: 4 orders, goodput 50.0 %, 0 violations, 0 lost');
  });

  it('finds a second effect: two events of one type for one cause', () => {
    const events = [
      { id: '1', type: 'order.created', time: 't' },
      { id: '2', type: 'stock.reserved', time: 't', causationid: '1' },
      { id: '2', type: 'stock.reserved', time: 't', causationid: '1' },
      { id: '3', type: 'payment.captured', time: 't', causationid: '2' },
      { id: '4', type: 'payment.captured', time: 't', causationid: '2' },
    ];
    assert.deepEqual(duplicateEffects('o', events), ['second effect: order o: payment.captured caused by 2 emitted 2 times (3, 4)']);
  });

  it('flags a timed_out that overrode a decisive event emitted before the deadline', () => {
    const order = { orderId: 'o', reason: 'timed_out', deadline: '2030-01-01T00:00:30.000Z' };
    const scheduled = [{ id: '1', type: 'shipment.scheduled', time: '2030-01-01T00:00:29.000Z' }];
    assert.equal(deadlineOverrides(order, { status: 'CONFIRMED' }, scheduled).length, 1);
    assert.equal(deadlineOverrides(order, { status: 'CANCELLED', reason: 'timed_out' }, scheduled).length, 0);
    assert.equal(deadlineOverrides(order, { status: 'CONFIRMED' }, [{ ...scheduled[0]!, time: '2030-01-01T00:00:31.000Z' }]).length, 0);
  });

  it('counts unconsumed messages and missing poison as lost, other dead letters and crashes as violations', () => {
    const poison = buildPoison('r', 0, 'not-json', 'stock.reserved');
    const verdict = judge(
      base({
        poison: [{ poison, expectedIn: ['p.a.dlq', 'p.b.dlq'], foundIn: ['p.a.dlq'], wrongReason: [] }],
        deadLetters: [{ queue: 'p.a.dlq', reason: 'retries-exhausted', routingKey: 'stock.reserved', type: 'stock.reserved', error: 'boom' }],
        queues: { consumer: [{ name: 'p.a.stock.reserved', vhost: '/', messages: 2 }], retry: [{ name: 'p.a.retry.1000', vhost: '/', messages: 1 }], dlq: [] },
        crashes: [{ worker: 'payment-service', exit: { code: 1, signal: null } }],
      }),
    );
    assert.equal(verdict.lost, 3);
    assert.equal(verdict.inRetry, 1);
    assert.equal(verdict.violations.length, 2);
  });
});
