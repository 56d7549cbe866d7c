import type { Logger } from '@troupe/worker';

/**
 * Runs `job(tick)` at every multiple of `intervalMs` on the wall clock. Aligning to the clock gives every instance
 * the same tick numbers, which is what lets the lease tell "this tick already ran" apart from "a new tick".
 * Never overlaps itself: the next wake-up is scheduled after the job settles.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly job: (tick: number) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.scheduleNext();
  }

  /** Stops waking up and waits for a run in progress to finish (its lease is released, its cursor saved). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const now = Date.now();
    // One millisecond past the boundary, so a timer firing a hair early still lands in the new tick.
    const delay = this.intervalMs - (now % this.intervalMs) + 1;
    this.timer = setTimeout(() => {
      const tick = Math.floor(Date.now() / this.intervalMs);
      this.running = this.job(tick)
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'reconciliation run failed'))
        .finally(() => {
          this.running = undefined;
          this.scheduleNext();
        });
    }, delay);
  }
}
