import { isConcurrencyError, NonRecoverableError } from '../errors';

/** What to do with a delivery whose handler threw. */
export type FailureAction =
  | { kind: 'retry-now' }
  | { kind: 'retry-later'; delayMs: number; attempt: number }
  | { kind: 'dead-letter'; reason: 'non-recoverable' | 'retries-exhausted' };

export interface FailureState {
  /** Trips already taken through the delay queues (the retry-count header). */
  retryCount: number;
  /** In-process re-runs already made for this delivery after optimistic-concurrency conflicts. */
  conflictReruns: number;
  retryDelaysMs: readonly number[];
  maxConflictReruns: number;
}

/**
 * Classification of handler failures. A lost optimistic-concurrency race is re-run at once (the other writer
 * has committed, re-reading fixes it); a NonRecoverableError cannot improve with time; anything else is
 * presumed transient and backs off through the delay queues, then gives up into the DLQ.
 */
export function classifyFailure(error: unknown, state: FailureState): FailureAction {
  if (error instanceof NonRecoverableError) return { kind: 'dead-letter', reason: 'non-recoverable' };
  if (isConcurrencyError(error) && state.conflictReruns < state.maxConflictReruns) return { kind: 'retry-now' };
  const delayMs = state.retryDelaysMs[state.retryCount];
  if (delayMs === undefined) return { kind: 'dead-letter', reason: 'retries-exhausted' };
  return { kind: 'retry-later', delayMs, attempt: state.retryCount + 1 };
}
