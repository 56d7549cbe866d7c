import type { InvariantViolation, SystemSnapshot } from './system-snapshot';
import { checkMoney } from './check-money';
import { checkNotifications } from './check-notifications';
import { checkProjections } from './check-projections';
import { checkShipments } from './check-shipments';
import { checkStock } from './check-stock';
import { checkTerminal } from './check-terminal';

/**
 * Invariants 1–6 (docs/product.md#invariants) over a quiet system's snapshot; an empty list means all hold.
 * `now` is the time the snapshot was taken, to tell an order stuck past its deadline.
 * (Invariant 7, "nothing is lost", needs the broker and lives with the testing lib.)
 */
export function checkInvariants(snapshot: SystemSnapshot, now: string): InvariantViolation[] {
  return [
    ...checkTerminal(snapshot, now),
    ...checkStock(snapshot),
    ...checkMoney(snapshot),
    ...checkShipments(snapshot),
    ...checkNotifications(snapshot),
    ...checkProjections(snapshot),
  ];
}
