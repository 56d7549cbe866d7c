/** Capped exponential backoff; `attempt` starts at 1. Jitter spreads reconnecting instances apart. */
export interface BackoffPolicy {
  /** Delay before the first retry. Default 100 ms. */
  initialDelayMs?: number;
  /** Upper bound of any delay. Default 5000 ms. */
  maxDelayMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Fraction (0–1) of the delay randomised downwards. Default 0.2. */
  jitter?: number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy = {}, random: () => number = Math.random): number {
  const { initialDelayMs = 100, maxDelayMs = 5000, factor = 2, jitter = 0.2 } = policy;
  const exponential = initialDelayMs * factor ** Math.max(0, attempt - 1);
  const capped = Math.min(maxDelayMs, exponential);
  return Math.round(capped * (1 - jitter * random()));
}
