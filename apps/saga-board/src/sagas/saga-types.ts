// What the board's API answers about sagas; shared by the server and the browser client (no Node imports here).

export type SagaStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
export const sagaStatuses: readonly SagaStatus[] = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'];

export interface TimelineStep {
  service: string;
  event: string;
  at: string;
  eventId?: string;
}

/** One row of the sagas list: an order-view row, reduced to what the list shows and filters on. */
export interface SagaSummary {
  orderId: string;
  status: SagaStatus;
  reason?: string;
  customerId: string | null;
  /** Decimal total; null until known. */
  total: number | null;
  /** When the saga began: `order.created`'s time, else its earliest step (a partial row). */
  startedAt: string | null;
  updatedAt: string;
  lastStep?: TimelineStep;
  steps: number;
  notified: boolean;
  /** The next step the map expects, while the saga still waits for one (a payment, a notification). */
  awaits?: AbsentStep;
}

export interface SagaList {
  sagas: SagaSummary[];
  /** Rows matching the filter, before `limit` cut the list. */
  matched: number;
  /** The scan of order-view stopped at its bound: older rows in the time range were not read. */
  truncated: boolean;
  counts: OutcomeCounts;
  deadlineMs: number;
  now: string;
}

export interface OutcomeCounts {
  total: number;
  byStatus: Record<SagaStatus, number>;
  /** `CANCELLED`/`REJECTED` reasons, e.g. `payment_declined`. */
  byReason: Record<string, number>;
  pastHalfDeadline: number;
}

export type StepOutcome = 'ok' | 'unexpected' | 'error';

export interface TimelineRow {
  service: string;
  event: string;
  at: string;
  /** Since the step before (undefined for the first). */
  sincePreviousMs?: number;
  sinceStartMs: number;
  outcome: StepOutcome;
  note?: string;
}

export interface AbsentStep {
  event: string;
  producers: string[];
}

export interface SagaDetail {
  saga: SagaSummary;
  items: Array<{ sku: string; quantity: number; unitPrice: number }>;
  timeline: TimelineRow[];
  /** The map's path this saga is read against, awaited steps included, in map order. */
  path: string[];
  /** Steps the map says come next and have not happened yet: what a running saga still waits for. */
  awaited: AbsentStep[];
  /** Required by the path and not observed where they should have been: departures, as `troupe inspect` reports them. */
  missing: AbsentStep[];
  /** Required, but order-view cannot see them (only traces could). */
  unobserved: AbsentStep[];
  /** Missing plus unexpected steps. */
  departures: number;
  verdict: string;
  deadlineMs: number;
  pastHalfDeadline: boolean;
  /** Jaeger's search for this order's trace, when JAEGER_URL is set. */
  traceUrl?: string;
  now: string;
}
