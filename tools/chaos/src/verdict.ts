import type { InvariantViolation, SystemSnapshot } from '@troupe/saga';
import type { DeadLetterSeen, PoisonCheck, QueueState } from './broker-accounting';
import type { DrivenOrder } from './driver';
import type { TappedEvent } from './event-tap';
import { outcomeKey, type Outcome } from './order-mix';

export interface VerdictInput {
  driven: readonly DrivenOrder[];
  /** The last snapshot of the quiet wait (absent when the system could not be read at all). */
  snapshot?: SystemSnapshot;
  invariantViolations: readonly InvariantViolation[];
  readError?: string;
  eventsOf(orderId: string): readonly TappedEvent[];
  poison: readonly PoisonCheck[];
  /** Poison that could not be published: the run did not inject what its schedule says. */
  poisonNotPublished: readonly string[];
  deadLetters: readonly DeadLetterSeen[];
  queues?: QueueState;
  crashes: ReadonlyArray<{ worker: string; exit: { code: number | null; signal: string | null } }>;
}

export interface OutcomeRow {
  outcome: string;
  asked: number;
  got: number;
  asAsked: number;
}

export interface Verdict {
  orders: number;
  asAsked: number;
  goodputPct: number;
  violations: string[];
  /** Each lost message counts once; a line may stand for several. */
  lost: number;
  lostLines: string[];
  inRetry: number;
  outcomes: OutcomeRow[];
}

/** Events that decide an order for good: emitted before the deadline, a `timed_out` must not override them (invariant 1, docs/product.md#the-saga-deadline). */
const decisiveTypes = new Set(['shipment.scheduled', 'stock.reservation-failed', 'payment.declined', 'shipment.failed']);

const describeViolation = (violation: InvariantViolation) =>
  `invariant ${violation.invariant}${violation.orderId ? ` order ${violation.orderId}` : ''}${violation.sku ? ` ${violation.sku}` : ''}: ${violation.message}`;

/** One event emitted twice with different ids for the same cause and type: a delivery (a duplicate, say) had a second effect. */
export function duplicateEffects(orderId: string, events: readonly TappedEvent[]): string[] {
  const byCause = new Map<string, Set<string>>();
  for (const event of events) {
    const key = `${event.type} caused by ${event.causationid ?? 'a command'}`;
    byCause.set(key, (byCause.get(key) ?? new Set()).add(event.id));
  }
  return [...byCause].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `second effect: order ${orderId}: ${key} emitted ${ids.size} times (${[...ids].join(', ')})`);
}

/** An order that timed out although a decisive event for it was emitted before its deadline. */
export function deadlineOverrides(order: { orderId: string; reason?: string; deadline: string }, asked: Outcome, events: readonly TappedEvent[]): string[] {
  if (order.reason !== 'timed_out' || asked.reason === 'timed_out') return [];
  return events
    .filter((event) => decisiveTypes.has(event.type) && Date.parse(event.time) <= Date.parse(order.deadline))
    .map((event) => `invariant 1 order ${order.orderId}: ended timed_out although ${event.type} was emitted at ${event.time}, before its deadline ${order.deadline}`);
}

export function judge(input: VerdictInput): Verdict {
  const violations: string[] = [];
  const lostLines: string[] = [];
  let lost = 0;
  if (input.readError) violations.push(`could not read the system once quiet: ${input.readError}`);
  violations.push(...input.invariantViolations.map(describeViolation));

  const finals = new Map((input.snapshot?.orders ?? []).map((order) => [order.orderId, order]));
  const rows = new Map<string, OutcomeRow>();
  const row = (outcome: string) => rows.get(outcome) ?? rows.set(outcome, { outcome, asked: 0, got: 0, asAsked: 0 }).get(outcome)!;
  let asAsked = 0;
  for (const order of input.driven) {
    const expected = outcomeKey(order.expected);
    row(expected).asked++;
    const final = order.orderId ? finals.get(order.orderId) : undefined;
    const got = final ? outcomeKey({ status: final.status as Outcome['status'], ...(final.reason ? { reason: final.reason } : {}) }) : order.orderId ? 'unread' : 'not placed';
    row(got).got++;
    if (got === expected) {
      asAsked++;
      row(expected).asAsked++;
    }
    if (order.orderId) {
      const events = input.eventsOf(order.orderId);
      violations.push(...duplicateEffects(order.orderId, events));
      if (final) violations.push(...deadlineOverrides(final, order.expected, events));
    }
    if (order.cancel && 'error' in order.cancel) violations.push(`order ${order.orderId}: the customer cancel never got an answer: ${order.cancel.error}`);
  }

  for (const check of input.poison) {
    for (const queue of check.expectedIn.filter((name) => !check.foundIn.includes(name))) {
      lost++;
      lostLines.push(`poison ${check.poison.tag} (${check.poison.kind} on ${check.poison.routingKey}) is not in ${queue}`);
    }
    for (const wrong of check.wrongReason) violations.push(`poison ${check.poison.tag} (${check.poison.kind}) dead-lettered with the wrong reason in ${wrong}`);
  }
  violations.push(...input.poisonNotPublished.map((tag) => `poison ${tag} could not be published: the run did not inject its schedule`));
  for (const letter of input.deadLetters.filter((candidate) => candidate.poisonTag === undefined)) {
    violations.push(`dead letter that is not poison: ${letter.queue} ${letter.reason} ${letter.routingKey || letter.type}: ${letter.error}`);
  }
  for (const queue of input.queues?.consumer.filter((candidate) => candidate.messages > 0) ?? []) {
    lost += queue.messages;
    lostLines.push(`${queue.name}: ${queue.messages} message(s) never processed`);
  }
  violations.push(...input.crashes.map((crash) => `${crash.worker} exited on its own (${crash.exit.code ?? crash.exit.signal})`));

  const orders = input.driven.length;
  return {
    orders,
    asAsked,
    goodputPct: orders === 0 ? 0 : Math.floor((1000 * asAsked) / orders) / 10,
    violations,
    lost,
    lostLines,
    inRetry: (input.queues?.retry ?? []).reduce((sum, queue) => sum + queue.messages, 0),
    outcomes: [...rows.values()].sort((a, b) => b.asked - a.asked || a.outcome.localeCompare(b.outcome)),
  };
}

export const passes = (verdict: Verdict) => verdict.violations.length === 0 && verdict.lost === 0 && verdict.goodputPct >= 95;

export const finalLine = (verdict: Verdict) =>
  `chaos: ${verdict.orders} orders, goodput ${verdict.goodputPct.toFixed(1)} %, ${verdict.violations.length} violations, ${verdict.lost} lost`;
