import assert from 'node:assert/strict';
import { QueueFences } from './queue-fences';

describe('QueueFences', () => {
  it('knows nothing until every queue has passed a fence', () => {
    const fences = new QueueFences(['a', 'b']);
    assert.equal(fences.passedUntil(), undefined);
    fences.pass('a', 100);
    assert.equal(fences.passedUntil(), undefined, 'queue b may still hold a backlog');
    fences.pass('b', 200);
    assert.equal(fences.passedUntil(), 100, 'the slowest queue bounds what is known');
  });

  it('keeps the newest fence per queue: a late, older fence never moves it back', () => {
    const fences = new QueueFences(['a']);
    fences.pass('a', 300);
    fences.pass('a', 200);
    assert.equal(fences.passedUntil(), 300);
  });

  it('ignores fences of queues it does not consume and unreadable times', () => {
    const fences = new QueueFences(['a']);
    fences.pass('other', 500);
    fences.pass('a', Number.NaN);
    assert.equal(fences.passedUntil(), undefined);
  });

  it('a service that consumes nothing has no backlog', () => {
    assert.equal(new QueueFences([]).passedUntil(42), 42);
  });
});
