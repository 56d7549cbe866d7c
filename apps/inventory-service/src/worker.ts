import { defineWorker } from '@troupe/worker';

/** inventory-service: boots on the chassis; its event handlers and routes are added here as they are built. */
export const inventoryServiceWorker = defineWorker({
  service: 'inventory-service',
  defaultPort: 3002,
});
