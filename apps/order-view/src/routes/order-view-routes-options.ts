import type { Store } from '@troupe/persistence';
import type { ViewChanges } from '../store/view-changes';

export interface OrderViewRoutesOptions {
  store: Store;
  changes: ViewChanges;
  /** Bound on a `?minVersion=` wait (config MIN_VERSION_WAIT_MS). */
  minVersionWaitMs: number;
  /**
   * While waiting, re-read at least this often, to see commits no in-process signal announces (another instance
   * projected the event, or a wake read just before the commit). Default 100 ms.
   */
  rereadEveryMs?: number;
  /** Stamps repairs; injectable for tests. */
  clock?: () => Date;
}
