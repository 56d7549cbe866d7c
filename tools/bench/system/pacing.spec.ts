import assert from 'node:assert/strict';
import { dueAt, plannedCount, runPaced, type Clock } from './pacing';

/** A clock that only moves when slept on or advanced by hand (a slow driver). */
function fakeClock(): Clock & { advance(ms: number): void } {
  let time = 1_000;
  return {
    now: () => time,
    sleep: async (ms) => {
      time += ms;
    },
    advance: (ms) => {
      time += ms;
    },
  };
}

describe('pacing', () => {
  it('plans rate × duration arrivals', () => {
    assert.equal(plannedCount(50, 20), 1000);
    assert.equal(plannedCount(3, 0.5), 1);
  });

  it('spaces arrivals 1000 / rate ms apart from the start', () => {
    assert.equal(dueAt(100, 0, 200), 100);
    assert.equal(dueAt(100, 3, 200), 115);
  });

  it('fires on schedule without waiting for earlier work', async () => {
    const clock = fakeClock();
    const fired: Array<[number, number, number]> = [];
    const count = await runPaced(10, 0.5, (index, due) => fired.push([index, due, clock.now()]), clock);
    assert.equal(count, 5);
    assert.deepEqual(
      fired.map(([index, due]) => [index, due]),
      [0, 1, 2, 3, 4].map((index) => [index, 1_000 + index * 100]),
    );
    for (const [, due, at] of fired) assert.equal(at, due);
  });

  it('keeps the schedule when the driver runs late: later arrivals fire at once, due times unchanged', async () => {
    const clock = fakeClock();
    const dues: number[] = [];
    await runPaced(
      100,
      0.05,
      (_index, due) => {
        dues.push(due);
        clock.advance(25); // each fire takes 25 ms: 2.5 intervals
      },
      clock,
    );
    assert.deepEqual(dues, [1_000, 1_010, 1_020, 1_030, 1_040]);
  });
});
