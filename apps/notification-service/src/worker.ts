import { defineWorker } from '@troupe/worker';

/** notification-service: boots on the chassis; its event handlers and routes are added here as they are built. */
export const notificationServiceWorker = defineWorker({
  service: 'notification-service',
  defaultPort: 3005,
});
