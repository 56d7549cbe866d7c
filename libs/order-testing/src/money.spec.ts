import assert from 'node:assert/strict';
import { toCents } from './money';

describe('toCents', () => {
  it('reads decimal amounts exactly, including float sums an app may answer', () => {
    assert.equal(toCents(19.99), 1999);
    assert.equal(toCents(0.1 + 0.2), 30);
    assert.equal(toCents(3 * 19.99), 5997);
    assert.equal(toCents('5000.01'), 500001);
    assert.equal(toCents(0), 0);
  });

  it('refuses what is not an amount, so a missing field fails the check loudly', () => {
    assert.throws(() => toCents(undefined), /not a money amount/);
    assert.throws(() => toCents('abc'), /not a money amount/);
  });
});
