import { notificationServiceManifest, orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker, integerField, optionalUrlField, stringField } from '@troupe/worker';
import { startEmailRelay } from './email/email-relay';
import { smtpSender } from './email/smtp-sender';
import { notificationHandlers } from './handlers';
import { notificationRoutes } from './routes';
import { notificationsCollection } from './notifications/notifications';

/** notification-service: one message per order once its outcome is final; the store is the outbox of record. */
export const notificationServiceWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'notification-service',
  manifest: notificationServiceManifest,
  defaultPort: 3005,
  config: {
    SMTP_URL: optionalUrlField({
      description: 'SMTP server (smtp://user:pass@host:587 or smtps://) to e-mail each message through; unset keeps messages in the store only.',
      protocols: ['smtp', 'smtps'],
    }),
    SMTP_FROM: stringField({ description: 'Sender of the e-mails (From header and envelope).', default: 'Troupe <orders@troupe.example>' }),
    SMTP_RECIPIENT_DOMAIN: stringField({
      description: 'Mail domain appended to a customer id that is not an e-mail address itself.',
      default: 'customers.troupe.example',
      pattern: /^[A-Za-z0-9.-]+$/,
      patternHint: 'a domain name',
    }),
    SMTP_RELAY_INTERVAL_MS: integerField({ description: 'How often PENDING e-mails are looked for and sent.', default: 1000, min: 10, max: 3_600_000 }),
    SMTP_LEASE_MS: integerField({
      description: 'How long a claimed e-mail is left to its sender before another instance may claim it (SMTP timeouts are a quarter of it).',
      default: 60_000,
      min: 1000,
      max: 3_600_000,
    }),
    SMTP_RETRY_MAX_DELAY_MS: integerField({ description: 'Cap of the doubling delay between send attempts of one e-mail.', default: 300_000, min: 10, max: 86_400_000 }),
    SMTP_MAX_ATTEMPTS: integerField({ description: 'Send attempts before an e-mail is marked FAILED (and an error logged).', default: 10, min: 1, max: 1000 }),
  },
  indexes: { [notificationsCollection]: [{ fields: ['sentAt'] }, { fields: ['email.status'] }, { fields: ['email.status', 'email.dueAt'] }] },
  handlers: ({ config }) => notificationHandlers(config.SMTP_URL ? 'email' : 'store'),
  routes: (http, { store }) => notificationRoutes(http, store),
  start(context) {
    const { config } = context;
    if (!config.SMTP_URL) return;
    const sender = smtpSender(config.SMTP_URL, config.SMTP_FROM, config.SMTP_LEASE_MS);
    const relay = startEmailRelay(context, {
      intervalMs: config.SMTP_RELAY_INTERVAL_MS,
      leaseMs: config.SMTP_LEASE_MS,
      retry: { baseDelayMs: config.SMTP_RELAY_INTERVAL_MS, maxDelayMs: config.SMTP_RETRY_MAX_DELAY_MS, maxAttempts: config.SMTP_MAX_ATTEMPTS },
      recipientDomain: config.SMTP_RECIPIENT_DOMAIN,
    }, sender);
    return async () => {
      await relay.stop();
      sender.close();
    };
  },
});
