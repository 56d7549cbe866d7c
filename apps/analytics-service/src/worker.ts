import { defineWorker } from '@troupe/worker';

/** analytics-service: boots on the chassis; its event handlers and routes are added here as they are built. */
export const analyticsServiceWorker = defineWorker({
  service: 'analytics-service',
  defaultPort: 3006,
});
