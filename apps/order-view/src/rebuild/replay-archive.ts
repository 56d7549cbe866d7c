import { readArchive, type ArchiveReadResult } from '@troupe/messaging';
import { orderCatalogue } from '@troupe/order-catalogue';
import type { Store } from '@troupe/persistence';
import { projectIntoStore } from '../store/project-into-store';
import { orderViewIndexes, orderViewsCollection } from '../store/order-view-row';
import { projectedEventTypes, type ProjectedEvent } from '../view/order-view';

export interface ReplayProgress {
  /** Archived events read (every type). */
  read: number;
  /** Of those, events order-view projects (its manifest). */
  projected: number;
  offset: number;
}

export interface ReplayOptions {
  url: string;
  prefix: string;
  /** Events folded per store transaction. Default 500. */
  batchSize?: number;
  now?: () => Date;
  onProgress?: (progress: ReplayProgress) => void;
}

export interface ReplayResult extends ArchiveReadResult {
  projected: number;
}

const projected = new Set<string>(projectedEventTypes);

/**
 * Folds the whole archive, from its first offset, into `store` through the live handler's own path
 * (`projectIntoStore` → the pure `project`), so a rebuilt row is exactly what live projection of the same events
 * gives. Batched in transactions for speed; the result does not depend on batching because `project` is a fold
 * over the set of events.
 */
export async function replayArchiveInto(store: Store, options: ReplayOptions): Promise<ReplayResult> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? (() => new Date());
  for (const index of orderViewIndexes) await store.ensureIndex(orderViewsCollection, index);
  let batch: ProjectedEvent[] = [];
  let count = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    const stamp = now();
    await store.transaction(async (session) => {
      for (const event of events) await projectIntoStore(session, event, stamp);
    });
  };
  const result = await readArchive({
    catalogue: orderCatalogue,
    url: options.url,
    prefix: options.prefix,
    from: 'first',
    progressEvery: 1000,
    onEvent: async ({ event }) => {
      if (!projected.has(event.type)) return;
      count += 1;
      batch.push(event as ProjectedEvent);
      if (batch.length >= batchSize) await flush();
    },
    onProgress: ({ read, offset }) => options.onProgress?.({ read, projected: count, offset }),
  });
  await flush();
  return { ...result, projected: count };
}
