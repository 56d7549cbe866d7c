import type { Store } from '@troupe/persistence';
import type { ViewChanges } from '../store/view-changes';

export interface OrderViewRoutesOptions {
  store: Store;
  changes: ViewChanges;
  /** Bound on a `?minVersion=` wait (config MIN_VERSION_WAIT_MS). */
  minVersionWaitMs: number;
  /** Stamps repairs; injectable for tests. */
  clock?: () => Date;
}
