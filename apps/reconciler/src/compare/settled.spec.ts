import assert from 'node:assert/strict';
import { isSettled, settledPrefix } from './settled';

describe('settled rows and the grace window', () => {
  const now = Date.parse('2025-01-01T00:01:00.000Z');
  const at = (iso: string) => ({ updatedAt: iso });

  it('judges a row changed before the window, and one exactly at its edge', () => {
    assert.equal(isSettled(at('2025-01-01T00:00:50.000Z'), now, 5_000), true);
    assert.equal(isSettled(at('2025-01-01T00:00:55.000Z'), now, 5_000), true);
  });

  it('leaves a row changed inside the window for a later run', () => {
    assert.equal(isSettled(at('2025-01-01T00:00:55.001Z'), now, 5_000), false);
    assert.equal(isSettled(at('2025-01-01T00:01:00.000Z'), now, 5_000), false);
  });

  it('judges everything when the grace is zero, and never a row whose time does not parse', () => {
    assert.equal(isSettled(at('2025-01-01T00:01:00.000Z'), now, 0), true);
    assert.equal(isSettled(at('yesterday-ish'), now, 0), false);
  });

  it('takes the settled prefix of a page and stops at the first row inside the window', () => {
    const page = [at('2025-01-01T00:00:10.000Z'), at('2025-01-01T00:00:20.000Z'), at('2025-01-01T00:00:58.000Z'), at('2025-01-01T00:00:59.000Z')];
    assert.deepEqual(settledPrefix(page, now, 5_000), page.slice(0, 2));
    assert.deepEqual(settledPrefix(page, now, 0), page);
    assert.deepEqual(settledPrefix(page, now, 60_000), []);
  });
});
