import type { WorkerContext } from '@troupe/worker';
import { Counter } from 'prom-client';
import { expireOverdueOrders } from './expire-overdue-orders';

export interface DeadlineSweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Enough per pass to keep up with a burst, small enough that one pass never holds the store for long. */
const batchSize = 200;

/**
 * Runs `expireOverdueOrders` every `intervalMs`, one pass at a time (a slow pass delays the next instead of
 * overlapping it). A failed pass is logged and retried on the next tick.
 */
export function startDeadlineSweeper({ store, messaging, logger, metrics }: WorkerContext, intervalMs: number): DeadlineSweeper {
  const sweeps = new Counter({ name: 'troupe_deadline_sweeps_total', help: 'Deadline sweep passes completed', registers: [metrics.registry] });
  const expired = new Counter({ name: 'troupe_orders_expired_total', help: 'Orders this instance turned into a timed_out cancellation request', registers: [metrics.registry] });
  const lost = new Counter({ name: 'troupe_deadline_races_lost_total', help: 'Overdue orders another writer changed first', registers: [metrics.registry] });

  let running: Promise<void> | undefined;
  let stopped = false;
  const sweep = async (): Promise<void> => {
    try {
      const result = await expireOverdueOrders(store, messaging, new Date().toISOString(), batchSize);
      expired.inc(result.expired);
      lost.inc(result.lostRaces);
      if (result.expired > 0) logger.info({ expired: result.expired }, 'saga deadline passed: cancellation requested');
      sweeps.inc();
    } catch (error) {
      logger.warn({ err: error }, 'deadline sweep failed; retrying on the next tick');
    }
  };
  const timer = setInterval(() => {
    if (stopped || running) return;
    running = sweep().finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
