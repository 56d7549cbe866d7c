import { integerField, urlField } from '@troupe/worker';

const http = ['http', 'https'];

/** The reconciler's settings, read by the chassis at start with the common ones. */
export const reconcilerConfig = {
  RECONCILE_INTERVAL_MS: integerField({ description: 'Time between reconciliation runs (aligned to the wall clock).', default: 10_000, min: 100 }),
  RECONCILE_PAGE_SIZE: integerField({ description: 'Orders read from order-service per page (its limit is 500).', default: 200, min: 1, max: 500 }),
  RECONCILE_GRACE_MS: integerField({ description: 'Orders changed this recently are not judged yet: their events may be in flight.', default: 5_000, min: 0 }),
  STUCK_AFTER_MS: integerField({ description: 'A PENDING order this long past its deadline is reported as a stuck saga.', default: 60_000, min: 0 }),
  RECONCILE_LEASE_MS: integerField({ description: 'Run lease lifetime; renewed after every page, taken over when a holder dies.', default: 60_000, min: 1_000 }),
  RECONCILE_HTTP_TIMEOUT_MS: integerField({ description: 'Bound on each request to the services it compares.', default: 5_000, min: 100 }),
  ORDER_SERVICE_URL: urlField({ description: 'order-service, the system of record.', default: 'http://localhost:3000', protocols: http }),
  ORDER_VIEW_URL: urlField({ description: 'order-view, the read model it repairs.', default: 'http://localhost:3001', protocols: http }),
  ANALYTICS_URL: urlField({ description: 'analytics-service, whose per-order lines it repairs.', default: 'http://localhost:3006', protocols: http }),
};
