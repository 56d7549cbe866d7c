import assert from 'node:assert/strict';
import { defaultOptions, parseOptions } from './options';
import { measuredShapes, warmUpSagas, warmUpShape } from './phase-plan';

describe('phase plan', () => {
  it('warms up at the measured concurrency, as many sagas for Troupe as for the raw replay', () => {
    assert.deepEqual(warmUpShape(defaultOptions), { kind: 'saturated', count: warmUpSagas, concurrency: 40 });
    assert.deepEqual(warmUpShape(parseOptions(['--concurrency', '8'])), { kind: 'saturated', count: warmUpSagas, concurrency: 8 });
    // Long enough for the hot paths to be optimised: at least five lanes' worth per measured lane.
    assert.ok(warmUpSagas >= 5 * defaultOptions.concurrency);
  });

  it('measures saturated then rate, each only when its mode asks for it', () => {
    assert.deepEqual(measuredShapes(defaultOptions, 400), [
      ['saturated', { kind: 'saturated', count: 400, concurrency: 40 }],
      ['rate', { kind: 'rate', rate: 100, duration: 20 }],
    ]);
    assert.deepEqual(measuredShapes(parseOptions(['--mode', 'rate']), 400).map(([phase]) => phase), ['rate']);
    assert.deepEqual(measuredShapes(parseOptions(['--mode', 'saturated']), 2000), [['saturated', { kind: 'saturated', count: 2000, concurrency: 40 }]]);
  });
});
