/**
 * The e-mail delivery state kept on a stored notification, and the relay's decisions about it, as pure functions
 * of (state, now, policy) so claim, lease and backoff are tested without a clock, a store or an SMTP server.
 */
export interface EmailDelivery {
  status: 'PENDING' | 'SENT' | 'FAILED';
  /** Claims so far: counted when claimed, so a crash between claim and send still uses up an attempt. */
  attempts: number;
  /**
   * When the relay may next claim it (ISO). One field serves as both the lease (set on claim) and the backoff
   * (set after a failure), so "due" is a single indexed range query. Missing on rows written before the relay existed.
   */
  dueAt?: string;
  sentAt?: string;
  lastError?: string;
}

export interface RetryPolicy {
  /** Delay after the first failure; doubles per further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

const addMs = (now: string, ms: number): string => new Date(Date.parse(now) + ms).toISOString();

/** A fresh message: due at once (the relay only ever sees it after its transaction committed). */
export function pendingEmail(now: string): EmailDelivery {
  return { status: 'PENDING', attempts: 0, dueAt: now };
}

export function isDue(email: EmailDelivery, now: string): boolean {
  return email.status === 'PENDING' && (email.dueAt === undefined || email.dueAt <= now);
}

export type ClaimDecision = { kind: 'claim'; email: EmailDelivery } | { kind: 'give-up'; email: EmailDelivery };

/**
 * Taking a due message for `leaseMs`: written with the version read, so of two instances claiming it only one
 * write succeeds, and no one else finds it due until the lease runs out (a crashed sender's message comes back).
 * A message whose attempts are all spent (its last claim's sender never reported back) is given up instead.
 */
export function claimEmail(email: EmailDelivery, now: string, leaseMs: number, policy: RetryPolicy): ClaimDecision {
  if (email.attempts >= policy.maxAttempts) {
    const { dueAt: _dueAt, ...rest } = email;
    return { kind: 'give-up', email: { ...rest, status: 'FAILED', lastError: email.lastError ?? 'no attempt reported back' } };
  }
  return { kind: 'claim', email: { ...email, attempts: email.attempts + 1, dueAt: addMs(now, leaseMs) } };
}

export function emailSent(email: EmailDelivery, now: string): EmailDelivery {
  const { dueAt: _dueAt, ...rest } = email;
  return { ...rest, status: 'SENT', sentAt: now };
}

/** Exponential, capped: baseDelayMs · 2^(attempts−1), at most maxDelayMs. */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/** A failed send: back off and retry, or give up (FAILED) once `maxAttempts` claims were spent. */
export function emailFailed(email: EmailDelivery, error: string, now: string, policy: RetryPolicy): EmailDelivery {
  const lastError = error.slice(0, 500);
  if (email.attempts >= policy.maxAttempts) {
    const { dueAt: _dueAt, ...rest } = email;
    return { ...rest, status: 'FAILED', lastError };
  }
  return { ...email, lastError, dueAt: addMs(now, retryDelayMs(email.attempts, policy)) };
}
