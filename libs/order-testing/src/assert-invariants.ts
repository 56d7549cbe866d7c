import { checkInvariants, type InvariantViolation, type SystemSnapshot } from '@troupe/saga';
import { queuesWithPrefix } from './broker-admin';
import { MissingRouteError } from './http-request';
import { collectSnapshot } from './collect-snapshot';
import { listAllOrders } from './list-orders';
import { formatViolations } from './snapshot-mapping';
import type { OrderSystem } from './start-order-system';

export interface AssertInvariantsOptions {
  /** Orders to check besides every order order-service lists (analytics counts the whole namespace). */
  orderIds?: readonly string[];
  skus?: readonly string[];
  /** SKU → level before the run, for SKUs set with PUT /stock; others start at the seed, 1,000. */
  initialStock?: Readonly<Record<string, number>>;
  /** Bound on waiting for quiet. Default: the saga deadline + 60 s. */
  timeoutMs?: number;
}

const settleIntervalMs = 500;

/**
 * Waits until the system is quiet — no PENDING order, order-view and analytics caught up, notifications sent:
 * i.e. until invariants 1–6 (docs/product.md#invariants) hold and still hold a moment later — and resolves with that snapshot.
 * After the bound it throws listing every violation of the last snapshot, plus any dead-lettered messages.
 */
export async function assertInvariants(system: OrderSystem, options: AssertInvariantsOptions = {}): Promise<SystemSnapshot> {
  const deadline = Date.now() + (options.timeoutMs ?? system.sagaDeadlineMs + 60_000);
  let stableSince: SystemSnapshot | undefined;
  let last: { snapshot?: SystemSnapshot; violations: InvariantViolation[]; error?: string } = { violations: [] };
  for (;;) {
    try {
      const listed = (await listAllOrders(system.orders)).map((order) => order.orderId);
      const orderIds = [...new Set([...listed, ...(options.orderIds ?? [])])];
      const snapshot = await collectSnapshot(system, orderIds, options.skus, options.initialStock);
      const violations = checkInvariants(snapshot, new Date().toISOString());
      last = { snapshot, violations };
      if (violations.length === 0 && stableSince) return snapshot;
      stableSince = violations.length === 0 ? snapshot : undefined;
    } catch (error) {
      if (error instanceof MissingRouteError) throw error;
      stableSince = undefined;
      last = { ...last, error: error instanceof Error ? error.message : String(error) };
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, settleIntervalMs));
  }
  throw new Error(await describeFailure(system, last));
}

async function describeFailure(
  system: OrderSystem,
  last: { snapshot?: SystemSnapshot; violations: InvariantViolation[]; error?: string },
): Promise<string> {
  const parts = ['the invariants do not hold once the system should be quiet'];
  if (last.snapshot) parts.push(`${last.snapshot.orders.length} orders; ${last.violations.length} violations:\n${formatViolations(last.violations)}`);
  if (last.error) parts.push(`last read failed: ${last.error}`);
  try {
    const parked = (await queuesWithPrefix(system.admin, system.prefix)).filter((queue) => queue.messages > 0);
    if (parked.length > 0) parts.push(`queues holding messages: ${parked.map((queue) => `${queue.name}=${queue.messages}`).join(', ')}`);
  } catch {
    // The broker view only adds detail to the report.
  }
  return parts.join('\n');
}
