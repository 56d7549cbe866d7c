import assert from 'node:assert/strict';
import { createPacer, type PacerClock } from './rate-pacer';

/** A clock that only moves when someone sleeps or the test says so; records every sleep asked for. */
function fakeClock(): PacerClock & { sleeps: number[]; advance(ms: number): void } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => (now += ms),
  };
}

describe('rate pacer', () => {
  it('lets the first call through and spaces the next ones 1000/rate ms apart', async () => {
    const clock = fakeClock();
    const pace = createPacer(4, clock);
    for (let i = 0; i < 4; i += 1) await pace();
    assert.deepEqual(clock.sleeps, [250, 250, 250]);
  });

  it('counts time spent in the work between calls against the wait', async () => {
    const clock = fakeClock();
    const pace = createPacer(10, clock);
    await pace();
    clock.advance(60);
    await pace();
    assert.deepEqual(clock.sleeps, [40]);
  });

  it('does not burst after a stall: a slot in the past moves up to now', async () => {
    const clock = fakeClock();
    const pace = createPacer(10, clock);
    await pace();
    clock.advance(5_000);
    await pace();
    await pace();
    assert.deepEqual(clock.sleeps, [100]);
  });

  it('supports rates below one per second', async () => {
    const clock = fakeClock();
    const pace = createPacer(0.5, clock);
    await pace();
    await pace();
    assert.deepEqual(clock.sleeps, [2000]);
  });

  it('refuses a rate of zero or less', () => {
    assert.throws(() => createPacer(0), /above 0/);
  });
});
