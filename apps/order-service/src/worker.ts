import { defineWorker } from '@troupe/worker';

/** order-service: boots on the chassis; its event handlers and routes are added here as they are built. */
export const orderServiceWorker = defineWorker({
  service: 'order-service',
  defaultPort: 3000,
});
