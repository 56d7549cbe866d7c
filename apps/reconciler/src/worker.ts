import { defineWorker } from '@troupe/worker';

/** reconciler: boots on the chassis; its event handlers and routes are added here as they are built. */
export const reconcilerWorker = defineWorker({
  service: 'reconciler',
  defaultPort: 3007,
});
