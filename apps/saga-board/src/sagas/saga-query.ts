// The list's filter and counts, one definition for the server (first load) and the browser (live updates).
import { sagaStatuses, type OutcomeCounts, type SagaStatus, type SagaSummary } from './saga-types';

export interface SagaFilter {
  status?: SagaStatus;
  reason?: string;
  customerId?: string;
  /** ISO time: sagas started at or after it. */
  from?: string;
  /** ISO time: sagas started before it. */
  to?: string;
  /** Part of an order id (case-insensitive). */
  q?: string;
}

export const filterKeys = ['status', 'reason', 'customerId', 'from', 'to', 'q'] as const;

/** A running saga older than half its deadline: the one to look at before the deadline cancels it. */
export function isPastHalfDeadline(saga: Pick<SagaSummary, 'status' | 'startedAt'>, nowMs: number, deadlineMs: number): boolean {
  if (saga.status !== 'PENDING' || saga.startedAt === null) return false;
  return nowMs - Date.parse(saga.startedAt) > deadlineMs / 2;
}

export function matchesFilter(saga: SagaSummary, filter: SagaFilter): boolean {
  if (filter.status !== undefined && saga.status !== filter.status) return false;
  if (filter.reason !== undefined && saga.reason !== filter.reason) return false;
  if (filter.customerId !== undefined && saga.customerId !== filter.customerId) return false;
  const started = saga.startedAt === null ? Number.NaN : Date.parse(saga.startedAt);
  if (filter.from !== undefined && !(started >= Date.parse(filter.from))) return false;
  if (filter.to !== undefined && !(started < Date.parse(filter.to))) return false;
  if (filter.q !== undefined && filter.q !== '' && !saga.orderId.toLowerCase().includes(filter.q.toLowerCase())) return false;
  return true;
}

export function countOutcomes(sagas: readonly SagaSummary[], nowMs: number, deadlineMs: number): OutcomeCounts {
  const byStatus = Object.fromEntries(sagaStatuses.map((status) => [status, 0])) as Record<SagaStatus, number>;
  const byReason: Record<string, number> = {};
  let pastHalfDeadline = 0;
  for (const saga of sagas) {
    byStatus[saga.status] += 1;
    if (saga.reason !== undefined) byReason[saga.reason] = (byReason[saga.reason] ?? 0) + 1;
    if (isPastHalfDeadline(saga, nowMs, deadlineMs)) pastHalfDeadline += 1;
  }
  return { total: sagas.length, byStatus, byReason, pastHalfDeadline };
}

/** Newest first: what someone opening the board after an incident wants to see. */
export function compareNewestFirst(a: SagaSummary, b: SagaSummary): number {
  const at = (saga: SagaSummary) => Date.parse(saga.startedAt ?? saga.updatedAt);
  return at(b) - at(a) || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
}

/** The filter in a URL's query (what a shared link carries); unknown or empty parameters are ignored. */
export function filterFromQuery(query: URLSearchParams): SagaFilter {
  const filter: SagaFilter = {};
  const status = query.get('status');
  if (status && (sagaStatuses as readonly string[]).includes(status)) filter.status = status as SagaStatus;
  for (const key of ['reason', 'customerId', 'from', 'to', 'q'] as const) {
    const value = query.get(key)?.trim();
    if (value) filter[key] = value;
  }
  return filter;
}
