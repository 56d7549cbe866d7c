import { defineWorker } from '@troupe/worker';

/** shipping-service: boots on the chassis; its event handlers and routes are added here as they are built. */
export const shippingServiceWorker = defineWorker({
  service: 'shipping-service',
  defaultPort: 3004,
});
