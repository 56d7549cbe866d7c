import { orderViewsCollection } from '../store/order-view-row';
import { replayArchiveInto, type ReplayProgress, type ReplayResult } from './replay-archive';
import { orderViewAnswers } from './order-view-answers';
import { rebuildTargetFor, type RebuildStoreSettings } from './rebuild-target';

export interface RebuildSettings extends RebuildStoreSettings {
  RABBITMQ_URL: string;
  RABBITMQ_PREFIX: string;
  /** Where a running order-view would answer, e.g. `http://127.0.0.1:3001`. */
  orderViewUrl: string;
  force: boolean;
  onProgress?: (progress: ReplayProgress) => void;
  log?: (line: string) => void;
}

export class RebuildRefused extends Error {}

/**
 * Rebuilds the view from the archive into a fresh store, then swaps it in. Refuses (RebuildRefused) without
 * `force` when order-view runs (it would keep writing the store being replaced), when the archive no longer
 * starts at offset 0 (retention dropped events), or when the rebuilt view has fewer orders than the live one (the
 * archive was declared after those orders' events): either way orders would vanish from the view. Events published while
 * order-view is stopped wait in its own queues and are projected after restart; projecting one the archive already
 * had changes nothing, so the overlap is harmless.
 */
export async function rebuildOrderView(settings: RebuildSettings): Promise<ReplayResult> {
  const log = settings.log ?? (() => undefined);
  if (!settings.force && (await orderViewAnswers(settings.orderViewUrl))) {
    throw new RebuildRefused(`order-view answers at ${settings.orderViewUrl}: stop it first (or pass --force)`);
  }
  const target = rebuildTargetFor(settings);
  log(`rebuild: replaying ${settings.RABBITMQ_PREFIX}troupe.archive into ${target.description}`);
  try {
    const store = await target.openFresh();
    let result: ReplayResult;
    let rebuiltOrders: number;
    try {
      result = await replayArchiveInto(store, { url: settings.RABBITMQ_URL, prefix: settings.RABBITMQ_PREFIX, onProgress: settings.onProgress });
      rebuiltOrders = await store.collection(orderViewsCollection).count();
    } finally {
      await store.close();
    }
    if (!settings.force) {
      if (result.firstOffset !== undefined && result.firstOffset > 0) {
        throw new RebuildRefused(`the archive starts at offset ${result.firstOffset}: retention dropped older events, a rebuild would lose their orders (pass --force to swap anyway)`);
      }
      const liveOrders = await target.countLive();
      if (rebuiltOrders < liveOrders) {
        throw new RebuildRefused(`the archive rebuilds ${rebuiltOrders} orders but the live view holds ${liveOrders}: it lacks older events, not swapping (pass --force to swap anyway)`);
      }
    }
    await target.swapIn();
    return result;
  } catch (error) {
    await target.discard();
    throw error;
  }
}
