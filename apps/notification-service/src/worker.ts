import { defineWorker, optionalUrlField } from '@troupe/worker';
import { notificationHandlers } from './notification-handlers';
import { notificationRoutes } from './notification-routes';
import { notificationsCollection } from './notifications';

/** notification-service: one message per order once its outcome is final; the store is the outbox of record. */
export const notificationServiceWorker = defineWorker({
  service: 'notification-service',
  defaultPort: 3005,
  config: {
    SMTP_URL: optionalUrlField({
      description: 'SMTP server (smtp:// or smtps://) to e-mail each message through; unset keeps messages in the store only.',
      protocols: ['smtp', 'smtps'],
    }),
  },
  indexes: { [notificationsCollection]: [{ fields: ['sentAt'] }, { fields: ['email.status'] }] },
  handlers: ({ config }) => notificationHandlers(config.SMTP_URL ? 'email' : 'store'),
  routes: (http, { store }) => notificationRoutes(http, store),
});
