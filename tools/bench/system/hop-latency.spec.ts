import assert from 'node:assert/strict';
import { groupHops, hopSamples } from './hop-latency';

const at = (type: string, arrivedAt: number) => ({ type, arrivedAt, createdAt: Number.NaN });

describe('hop latency', () => {
  it('pairs consecutive events in arrival order', () => {
    const samples = hopSamples([at('stock.reserved', 12), at('order.created', 10), at('payment.captured', 15)]);
    assert.deepEqual(samples, [
      { hop: 'order.created → stock.reserved', ms: 2 },
      { hop: 'stock.reserved → payment.captured', ms: 3 },
    ]);
  });

  it('counts a redelivered event once, at its first arrival', () => {
    const samples = hopSamples([at('order.created', 0), at('order.created', 4), at('stock.reserved', 5)]);
    assert.deepEqual(samples, [{ hop: 'order.created → stock.reserved', ms: 5 }]);
  });

  it('splits a hop at the event\'s creation by its producer', () => {
    const samples = hopSamples([
      { type: 'order.created', arrivedAt: 10, createdAt: 9 },
      { type: 'stock.reserved', arrivedAt: 25, createdAt: 19 },
      { type: 'payment.captured', arrivedAt: 30, createdAt: Number.NaN },
    ]);
    assert.deepEqual(samples, [
      { hop: 'order.created → stock.reserved', ms: 15, sinceCreatedMs: 6 },
      { hop: 'stock.reserved → payment.captured', ms: 5 },
    ]);
    assert.deepEqual([...groupHops(samples, 'sinceCreatedMs').entries()], [['order.created → stock.reserved', [6]]]);
  });

  it('groups samples per hop in first-met order', () => {
    const grouped = groupHops([
      { hop: 'a → b', ms: 1 },
      { hop: 'b → c', ms: 2 },
      { hop: 'a → b', ms: 3 },
    ]);
    assert.deepEqual([...grouped.entries()], [['a → b', [1, 3]], ['b → c', [2]]]);
  });
});
