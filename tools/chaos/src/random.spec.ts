import assert from 'node:assert/strict';
import { keyedRandom, seededRandom, shuffled } from './random';

describe('chaos random', () => {
  it('replays the same draws for the same seed, other draws for another', () => {
    const draws = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    assert.deepEqual(draws(42), draws(42));
    assert.notDeepEqual(draws(42), draws(43));
    for (const value of draws(7)) assert.ok(value >= 0 && value < 1);
  });

  it('keys a draw by seed and key, whatever the call order', () => {
    assert.equal(keyedRandom(1, 'dup:3:stock.reserved'), keyedRandom(1, 'dup:3:stock.reserved'));
    assert.notEqual(keyedRandom(1, 'dup:3:stock.reserved'), keyedRandom(2, 'dup:3:stock.reserved'));
    const hits = Array.from({ length: 10_000 }, (_, index) => keyedRandom(9, `k${index}`)).filter((value) => value < 0.1).length;
    assert.ok(hits > 850 && hits < 1150, `about 10 % below 0.1, got ${hits}`);
  });

  it('shuffles without losing or adding values', () => {
    const values = ['a', 'b', 'c', 'd', 'e'];
    const mixed = shuffled(values, seededRandom(5));
    assert.deepEqual([...mixed].sort(), values);
    assert.deepEqual(values, ['a', 'b', 'c', 'd', 'e']);
  });
});
