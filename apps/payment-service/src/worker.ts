import { defineWorker } from '@troupe/worker';

/** payment-service: boots on the chassis; its event handlers and routes are added here as they are built. */
export const paymentServiceWorker = defineWorker({
  service: 'payment-service',
  defaultPort: 3003,
});
