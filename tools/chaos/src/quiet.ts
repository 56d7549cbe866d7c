import { checkInvariants, type InvariantViolation, type SystemSnapshot } from '@troupe/saga';
import { collectSnapshot, listAllOrders, type BrokerAdmin, type OrderSystem } from '@troupe/order-testing';
import { held, queueState, type QueueState } from './broker-accounting';
import type { SnapshotSource } from './snapshot-source';

export interface QuietOptions {
  api: SnapshotSource;
  admin: BrokerAdmin;
  prefix: string;
  orderIds: readonly string[];
  initialStock: Readonly<Record<string, number>>;
  /** Bound on the whole wait. */
  timeoutMs: number;
  /** Besides the system: nothing of the run's own still to publish (duplicates in flight). */
  runIdle(): boolean;
  shouldStop(): boolean;
  log(line: string): void;
}

export interface QuietResult {
  quiet: boolean;
  waitedMs: number;
  snapshot?: SystemSnapshot;
  violations: InvariantViolation[];
  queues?: QueueState;
  readError?: string;
}

/** The management API refreshes queue depths every 5 s: quiet must outlast one refresh to mean anything. */
const stableForMs = 6_000;
const pollMs = 1_500;

/**
 * Waits until the system is quiet: invariants 1–6 (docs/product.md#invariants) hold (every order terminal, views caught up, one notification
 * each…) over the snapshot of the order-testing kit, no consumer or retry queue holds a message, and the run has
 * nothing left to publish — all of it unchanged for `stableForMs`. Past the bound, returns the last state as it was.
 */
export async function waitForQuiet(options: QuietOptions): Promise<QuietResult> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let since: number | undefined;
  let last: QuietResult = { quiet: false, waitedMs: 0, violations: [] };
  let lastLog = 0;
  for (;;) {
    try {
      const listed = (await listAllOrders(options.api.orders)).map((order) => order.orderId);
      const ids = [...new Set([...listed, ...options.orderIds])];
      // collectSnapshot reads only the kit's clients, which the source provides with the same paths and shapes.
      const snapshot = await collectSnapshot(options.api as OrderSystem, ids, undefined, options.initialStock);
      const violations = checkInvariants(snapshot, new Date().toISOString());
      const queues = await queueState(options.admin, options.prefix);
      const busy = held(queues.consumer) + held(queues.retry);
      last = { quiet: false, waitedMs: Date.now() - started, snapshot, violations, queues };
      const calm = violations.length === 0 && busy === 0 && options.runIdle();
      since = calm ? (since ?? Date.now()) : undefined;
      if (since !== undefined && Date.now() - since >= stableForMs) return { ...last, quiet: true };
      if (Date.now() - lastLog >= 10_000) {
        lastLog = Date.now();
        const pending = snapshot.orders.filter((order) => order.status === 'PENDING').length;
        options.log(`waiting for quiet: ${pending} PENDING, ${violations.length} invariant violations, ${busy} messages in consumer/retry queues`);
      }
    } catch (error) {
      since = undefined;
      last = { ...last, waitedMs: Date.now() - started, readError: error instanceof Error ? error.message : String(error) };
    }
    if (Date.now() >= deadline || options.shouldStop()) return last;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
