import assert from 'node:assert/strict';
import { claimEmail, emailFailed, emailSent, isDue, pendingEmail, retryDelayMs, type RetryPolicy } from './email-delivery';

const t0 = '2030-01-01T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(t0) + ms).toISOString();
const policy: RetryPolicy = { baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 3 };

describe('e-mail delivery decisions', () => {
  it('a new message is due at once; a SENT or FAILED one never', () => {
    assert.equal(isDue(pendingEmail(t0), t0), true);
    assert.equal(isDue(emailSent({ status: 'PENDING', attempts: 1 }, t0), at(1e9)), false);
    assert.equal(isDue({ status: 'FAILED', attempts: 3 }, at(1e9)), false);
  });

  it('a row without dueAt (written before the relay) is due', () => {
    assert.equal(isDue({ status: 'PENDING', attempts: 0 }, t0), true);
  });

  it('a claim counts an attempt and leases the message: not due again until the lease ends', () => {
    const decision = claimEmail(pendingEmail(t0), t0, 60_000, policy);
    assert.equal(decision.kind, 'claim');
    assert.deepEqual(decision.email, { status: 'PENDING', attempts: 1, dueAt: at(60_000) });
    assert.equal(isDue(decision.email, at(59_999)), false);
    assert.equal(isDue(decision.email, at(60_000)), true);
  });

  it('a message whose attempts are spent (its last sender never reported) is given up, keeping the last error', () => {
    const decision = claimEmail({ status: 'PENDING', attempts: 3, dueAt: t0, lastError: 'ECONNREFUSED' }, t0, 60_000, policy);
    assert.deepEqual(decision, { kind: 'give-up', email: { status: 'FAILED', attempts: 3, lastError: 'ECONNREFUSED' } });
    const silent = claimEmail({ status: 'PENDING', attempts: 3, dueAt: t0 }, t0, 60_000, policy);
    assert.equal(silent.email.lastError, 'no attempt reported back');
  });

  it('a sent message records sentAt and drops its lease', () => {
    assert.deepEqual(emailSent({ status: 'PENDING', attempts: 2, dueAt: at(5), lastError: 'x' }, at(1)), {
      status: 'SENT',
      attempts: 2,
      sentAt: at(1),
      lastError: 'x',
    });
  });

  it('the retry delay doubles per attempt up to the cap', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 100].map((attempts) => retryDelayMs(attempts, policy)), [1000, 2000, 4000, 8000, 10_000, 10_000]);
    assert.equal(retryDelayMs(0, policy), 1000);
  });

  it('a failed attempt stays PENDING with the error, due after the backoff', () => {
    const failed = emailFailed({ status: 'PENDING', attempts: 2, dueAt: at(60_000) }, 'connection refused', t0, policy);
    assert.deepEqual(failed, { status: 'PENDING', attempts: 2, dueAt: at(2000), lastError: 'connection refused' });
  });

  it('the last allowed attempt failing marks it FAILED (no lease, never due)', () => {
    const failed = emailFailed({ status: 'PENDING', attempts: 3, dueAt: at(60_000) }, 'mailbox unavailable', t0, policy);
    assert.deepEqual(failed, { status: 'FAILED', attempts: 3, lastError: 'mailbox unavailable' });
  });

  it('keeps a long error short enough to store', () => {
    assert.equal(emailFailed(pendingEmail(t0), 'e'.repeat(10_000), t0, policy).lastError!.length, 500);
  });
});
