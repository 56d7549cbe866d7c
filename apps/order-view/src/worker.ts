import { defineWorker } from '@troupe/worker';

/** order-view: boots on the chassis; its event handlers and routes are added here as they are built. */
export const orderViewWorker = defineWorker({
  service: 'order-view',
  defaultPort: 3001,
});
