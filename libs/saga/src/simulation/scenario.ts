import type { SagaEvent } from '../events';
import { checkInvariants } from '../invariants/check-invariants';
import type { InvariantViolation } from '../invariants/system-snapshot';
import type { StockLevel } from '../inventory/stock';
import { InMemoryChoreography } from './in-memory-choreography';
import { snapshotOf } from './snapshot-of';

/** Far past any deadline a scenario sets: the reconciler's sweep when the system has gone quiet. */
export const sweepTime = '2027-01-01T00:00:00.000Z';

/**
 * Runs the choreography until nothing is pending. `pick` chooses which pending delivery goes next and
 * whether a duplicate of it stays pending; `between` runs commands (cancel, expire) between deliveries.
 * When quiet, the deadline sweep runs (as the reconciler would) and delivery resumes, until quiet again.
 */
export function runToQuiescence(
  system: InMemoryChoreography,
  pick: (pendingCount: number, step: number) => { index: number; duplicate: boolean },
  between: (step: number) => void = () => undefined,
  maxSteps = 10_000,
): void {
  let step = 0;
  for (let sweep = 0; sweep < 2; sweep += 1) {
    while (system.pending.length > 0) {
      if (step >= maxSteps) throw new Error(`no quiescence after ${maxSteps} deliveries`);
      between(step);
      const { index, duplicate } = pick(system.pending.length, step);
      system.deliver(index % system.pending.length, duplicate);
      step += 1;
    }
    for (const orderId of system.stores.orders.keys()) system.expire(orderId, sweepTime);
  }
}

export function fifo(): { index: number; duplicate: boolean } {
  return { index: 0, duplicate: false };
}

export function violationsOf(system: InMemoryChoreography, initial: StockLevel[]): InvariantViolation[] {
  const initialBySku = new Map(initial.map((level) => [level.sku, level.available]));
  return checkInvariants(snapshotOf(system.stores, initialBySku), sweepTime);
}

export function publishedOfType(system: InMemoryChoreography, type: SagaEvent['type'], orderId: string): SagaEvent[] {
  return system.published.filter((event) => event.type === type && event.data.orderId === orderId);
}
