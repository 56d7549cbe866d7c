/** Time source and sleep, injected so the pacing is tested by the waits it asks for, not by a clock. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Spaces calls `1000 / rate` ms apart, measured from schedule slots rather than from when each call ended, so a
 * slow publish does not lower the rate further, and a long stall does not cause a burst afterwards (a slot in the
 * past is moved up to now). Replays trickle back in at a rate the service can absorb beside live traffic.
 */
export function createPacer(ratePerSecond: number, clock: PacerClock = realClock): () => Promise<void> {
  if (!(ratePerSecond > 0)) throw new Error(`rate must be above 0, got ${ratePerSecond}`);
  const interval = 1000 / ratePerSecond;
  let nextSlot: number | undefined;
  return async () => {
    const now = clock.now();
    const slot = nextSlot === undefined ? now : Math.max(nextSlot, now);
    nextSlot = slot + interval;
    if (slot > now) await clock.sleep(slot - now);
  };
}
