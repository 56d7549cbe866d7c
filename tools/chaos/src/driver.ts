import type { ApiResponse } from '@troupe/order-testing';
import type { Outcome, PlannedOrder } from './order-mix';
import type { SnapshotSource } from './snapshot-source';

export interface DrivenOrder {
  planned: PlannedOrder;
  orderId?: string;
  /** Why the order was never accepted (after retrying through the faults). */
  placeError?: string;
  /** POST attempts until one was answered 202 (more than one: the API was down or failing). */
  placeAttempts: number;
  /** From the first POST to the 202: what the client waited through the faults. */
  placeMs: number;
  cancel?: { status: 202 | 409; reported?: Outcome; attempts: number } | { error: string };
  /** What the order should end as, given what the API answered. */
  expected: Outcome;
}

export interface DriveOptions {
  /** Orders are started evenly over this many ms (open loop). */
  spreadMs: number;
  /** More than this many orders in flight and the next waits (a down API must not pile up unbounded work). */
  maxInFlight: number;
  /** Bound on retrying one POST through a fault. */
  retryForMs: number;
  shouldStop(): boolean;
  onPlaced(orderId: string, index: number): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries connection errors, timeouts and 5xx (a worker restarting, the broker away) until `accept` takes the answer or the bound passes. */
async function withRetries<T>(
  call: () => Promise<ApiResponse<T>>,
  accept: (answer: ApiResponse<T>) => boolean,
  options: { retryForMs: number; shouldStop(): boolean },
): Promise<{ answer?: ApiResponse<T>; attempts: number; error?: string }> {
  const deadline = Date.now() + options.retryForMs;
  let last = '';
  for (let attempts = 1; ; attempts++) {
    try {
      const answer = await call();
      if (accept(answer)) return { answer, attempts };
      last = `HTTP ${answer.status} ${answer.text.slice(0, 200)}`;
      if (answer.status < 500) return { attempts, error: last };
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline || options.shouldStop()) return { attempts, error: `${last} (gave up after ${attempts} attempts)` };
    await sleep(Math.min(2_000, 200 * attempts));
  }
}

/**
 * Places every planned order as a client would: an Idempotency-Key per order, so a POST retried after a lost answer
 * returns the same order; a customer cancel right after. Resolves once every order was placed (or given up on).
 */
export async function driveOrders(api: SnapshotSource, plan: readonly PlannedOrder[], runId: string, options: DriveOptions): Promise<DrivenOrder[]> {
  const started = Date.now();
  const interval = plan.length > 1 ? options.spreadMs / (plan.length - 1) : 0;
  let inFlight = 0;
  const results: Promise<DrivenOrder>[] = [];
  for (const planned of plan) {
    if (options.shouldStop()) break;
    const dueAt = started + planned.index * interval;
    while ((Date.now() < dueAt || inFlight >= options.maxInFlight) && !options.shouldStop()) await sleep(Math.min(50, Math.max(1, dueAt - Date.now())));
    inFlight++;
    results.push(driveOne(api, planned, runId, options).finally(() => inFlight--));
  }
  return Promise.all(results);
}

async function driveOne(api: SnapshotSource, planned: PlannedOrder, runId: string, options: DriveOptions): Promise<DrivenOrder> {
  const started = performance.now();
  const placed = await withRetries(() => api.orders.place(planned.body, { idempotencyKey: `chaos-${runId}-${planned.index}` }), (answer) => answer.status === 202, options);
  const placeMs = performance.now() - started;
  if (!placed.answer) return { planned, placeAttempts: placed.attempts, placeMs, placeError: placed.error ?? 'not placed', expected: planned.asked };
  const orderId = placed.answer.body.orderId;
  options.onPlaced(orderId, planned.index);
  const order: DrivenOrder = { planned, orderId, placeAttempts: placed.attempts, placeMs, expected: planned.asked };
  if (!planned.cancel) return order;
  const cancelled = await withRetries(() => api.orders.cancel(orderId), (answer) => answer.status === 202 || answer.status === 409, options);
  if (!cancelled.answer) return { ...order, cancel: { error: cancelled.error ?? 'no answer' } };
  if (cancelled.answer.status === 202) return { ...order, cancel: { status: 202, attempts: cancelled.attempts } };
  // 409: the order was terminal before the cancel; the body says what it was, and that is what it must stay.
  const body = cancelled.answer.body as unknown as { status?: Outcome['status']; reason?: string };
  const reported: Outcome = { status: body.status ?? 'CONFIRMED', ...(body.reason ? { reason: body.reason } : {}) };
  return { ...order, cancel: { status: 409, reported, attempts: cancelled.attempts }, expected: reported };
}
