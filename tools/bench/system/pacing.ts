/** Time source of the pacer; tests pass a fake one. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function plannedCount(ratePerSecond: number, durationSeconds: number): number {
  return Math.max(0, Math.floor(ratePerSecond * durationSeconds));
}

/** When the `index`-th arrival is due: a fixed schedule from `start`, never from when the previous one finished. */
export function dueAt(start: number, index: number, ratePerSecond: number): number {
  return start + (index * 1000) / ratePerSecond;
}

/**
 * Open-loop pacing: fires `fire(index, due)` on the schedule whether or not earlier work has finished, and
 * catches up at once when late (timers on a busy machine are). Callers measure latency from `due`, so time
 * spent queueing behind a slow system, or behind this driver, counts against the system as a user would see it.
 */
export async function runPaced(
  ratePerSecond: number,
  durationSeconds: number,
  fire: (index: number, due: number) => void,
  clock: Clock = realClock,
): Promise<number> {
  const count = plannedCount(ratePerSecond, durationSeconds);
  const start = clock.now();
  for (let index = 0; index < count; index++) {
    const due = dueAt(start, index, ratePerSecond);
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait);
    fire(index, due);
  }
  return count;
}
