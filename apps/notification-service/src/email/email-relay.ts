import { setTimeout as delay } from 'node:timers/promises';
import { ConcurrencyError, type Store } from '@troupe/persistence';
import type { WorkerContext } from '@troupe/worker';
import { Counter } from 'prom-client';
import { dueEmails, notificationsCollection, type StoredNotification } from '../notifications/notifications';
import { claimEmail, emailFailed, emailSent, type EmailDelivery, type RetryPolicy } from './email-delivery';
import { recipientAddress } from './recipient-address';
import type { EmailSender } from './smtp-sender';

export interface EmailRelaySettings {
  intervalMs: number;
  leaseMs: number;
  retry: RetryPolicy;
  recipientDomain: string;
}

export interface EmailRelay {
  /** One pass: claims due e-mails one at a time and sends each. Exposed for tests; the timer calls it. */
  runOnce(): Promise<void>;
  /** Stops the timer and waits (briefly) for a pass in progress. */
  stop(): Promise<void>;
}

/** Per pass: enough to drain a burst quickly, few enough that a pass ends well within one lease. */
const batchSize = 20;
/** How long stop() waits for a send in flight; an abandoned one is claimed again after its lease (sent at least once). */
const stopGraceMs = 2000;

type Logger = WorkerContext['logger'];
type Clock = () => string;

/**
 * Sends the PENDING e-mails of committed notifications (never from a handler: an e-mail cannot be un-sent, and a
 * handler's transaction might still roll back). Each message is claimed with an optimistic-version write that
 * leases it, sent, then marked SENT (or given a backoff, or FAILED once its attempts are spent). A crash between
 * the SMTP server's accept and the SENT mark sends it once more after the lease: delivery is at least once.
 */
export function startEmailRelay(
  { store, logger, metrics }: Pick<WorkerContext, 'store' | 'logger' | 'metrics'>,
  settings: EmailRelaySettings,
  sender: EmailSender,
  clock: Clock = () => new Date().toISOString(),
): EmailRelay {
  const registers = [metrics.registry];
  const sent = new Counter({ name: 'troupe_notification_emails_sent_total', help: 'E-mails the SMTP server accepted', registers });
  const failed = new Counter({ name: 'troupe_notification_emails_failed_total', help: 'E-mails given up after SMTP_MAX_ATTEMPTS attempts', registers });
  const retried = new Counter({ name: 'troupe_notification_email_attempts_failed_total', help: 'Send attempts that failed (retried or given up)', registers });
  const counters = { sent, failed, retried };

  let stopped = false;
  let running: Promise<void> | undefined;
  const runOnce = async (): Promise<void> => {
    for (const candidate of await dueEmails(store, clock(), batchSize)) {
      if (stopped) return;
      await deliver(store, logger, settings, sender, clock, counters, candidate);
    }
  };
  const tick = () => {
    if (stopped || running) return;
    running = runOnce()
      .catch((error: unknown) => logger.warn({ err: error }, 'e-mail relay pass failed; retrying on the next tick'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, settings.intervalMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (!running) return;
      const grace = new AbortController();
      const abandoned = await Promise.race([running.then(() => false), delay(stopGraceMs, true, { signal: grace.signal, ref: false }).catch(() => false)]);
      grace.abort();
      if (abandoned) logger.warn('stopping with an e-mail send in flight; it is sent again once its lease runs out');
    },
  };
}

async function deliver(
  store: Store,
  logger: Logger,
  settings: EmailRelaySettings,
  sender: EmailSender,
  clock: Clock,
  counters: { sent: Counter; failed: Counter; retried: Counter },
  candidate: StoredNotification,
): Promise<void> {
  const notifications = store.collection<StoredNotification>(notificationsCollection);
  const { orderId } = candidate;
  if (!candidate.email || candidate.version === undefined) return;
  const decision = claimEmail(candidate.email, clock(), settings.leaseMs, settings.retry);
  let claimed: StoredNotification;
  try {
    claimed = await notifications.update({ ...candidate, email: decision.email }, candidate.version);
  } catch (error) {
    if (error instanceof ConcurrencyError) return; // another instance claimed it first: its lease, its send
    throw error;
  }
  if (decision.kind === 'give-up') {
    counters.failed.inc();
    logger.error({ orderId, attempts: decision.email.attempts, lastError: decision.email.lastError }, 'e-mail given up: no attempts left');
    return;
  }

  let outcome: EmailDelivery;
  try {
    await sender.send({ to: recipientAddress(claimed.customerId, settings.recipientDomain), subject: claimed.subject, text: claimed.text });
    outcome = emailSent(decision.email, clock());
    counters.sent.inc();
  } catch (error) {
    outcome = emailFailed(decision.email, error instanceof Error ? error.message : String(error), clock(), settings.retry);
    counters.retried.inc();
    if (outcome.status === 'FAILED') {
      counters.failed.inc();
      logger.error({ orderId, attempts: outcome.attempts, lastError: outcome.lastError }, 'e-mail given up after its last attempt');
    } else {
      logger.warn({ orderId, attempts: outcome.attempts, lastError: outcome.lastError, retryAt: outcome.dueAt }, 'e-mail not sent; retrying later');
    }
  }
  try {
    await notifications.update({ ...claimed, email: outcome }, claimed.version!);
  } catch (error) {
    // The lease ran out mid-send and another instance re-claimed it: that one decides (and may send it again).
    if (error instanceof ConcurrencyError) logger.warn({ orderId, status: outcome.status }, 'e-mail lease expired before its result was recorded');
    else throw error;
  }
}
