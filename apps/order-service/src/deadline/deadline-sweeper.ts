import type { WorkerContext } from '@troupe/worker';
import { Counter, Gauge } from 'prom-client';
import { expireOverdueOrders, findOverdue } from './expire-overdue-orders';

export interface DeadlineSweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Enough per pass to keep up with a burst, small enough that one pass never holds the store for long. */
const batchSize = 200;

/**
 * A fence not passed by then is sent again: it may be lost (a connection cut) or taken by another instance,
 * whose consumers then know about that queue instead of ours. Spare fences cost one tiny message per queue.
 */
const minFenceResendMs = 1000;

/**
 * Runs `expireOverdueOrders` every `intervalMs`, one pass at a time (a slow pass delays the next instead of
 * overlapping it). A failed pass is logged and retried on the next tick.
 *
 * The clock alone never expires an order. An order is expired only once every event that entered
 * order-service's queues before its deadline has been applied: the sweep sends a fence behind the queues'
 * backlog (`messaging.sendFence`) and judges deadlines up to the last fence its consumers passed. After a
 * restart, the backlog that waited meanwhile is applied first, so a `shipment.scheduled` emitted at 23 s
 * confirms the order even when order-service only gets to it at 40 s. A really stuck saga times out as soon
 * as the fence has come through, normally one tick after its deadline.
 */
export function startDeadlineSweeper({ store, messaging, logger, metrics }: WorkerContext, intervalMs: number): DeadlineSweeper {
  const sweeps = new Counter({ name: 'troupe_deadline_sweeps_total', help: 'Deadline sweep passes completed', registers: [metrics.registry] });
  const expired = new Counter({ name: 'troupe_orders_expired_total', help: 'Orders this instance turned into a timed_out cancellation request', registers: [metrics.registry] });
  const lost = new Counter({ name: 'troupe_deadline_races_lost_total', help: 'Overdue orders another writer changed first', registers: [metrics.registry] });
  const fencesSent = new Counter({ name: 'troupe_deadline_fences_sent_total', help: 'Fences sent behind the input queues before judging overdue orders', registers: [metrics.registry] });
  const lag = new Gauge({
    name: 'troupe_deadline_judged_lag_seconds',
    help: 'How far behind the clock deadlines can be judged: the age of the last fence that passed every input queue',
    registers: [metrics.registry],
  });

  let running: Promise<void> | undefined;
  let stopped = false;
  let fenceSentAt = 0;
  const fenceResendMs = Math.max(minFenceResendMs, 2 * intervalMs);
  const sweep = async (): Promise<void> => {
    try {
      const now = new Date();
      const drained = messaging.drainedUntil();
      if (drained) {
        lag.set(Math.max(0, now.getTime() - drained.getTime()) / 1000);
        const result = await expireOverdueOrders(store, messaging, { now: now.toISOString(), eventsKnownUntil: drained.toISOString() }, batchSize);
        expired.inc(result.expired);
        lost.inc(result.lostRaces);
        if (result.expired > 0) logger.info({ expired: result.expired }, 'saga deadline passed: cancellation requested');
      }
      // Overdue by the clock but not judged yet: ask the queues to report when what they hold now is applied.
      const fenceOutstanding = fenceSentAt > (drained?.getTime() ?? -Infinity) && now.getTime() - fenceSentAt < fenceResendMs;
      if (!fenceOutstanding && (await findOverdue(store, now.toISOString(), 1)).length > 0) {
        fenceSentAt = now.getTime();
        await messaging.sendFence();
        fencesSent.inc();
      }
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
