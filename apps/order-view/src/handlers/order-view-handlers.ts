import type { orderViewManifest } from '@troupe/order-catalogue';
import type { HandlersOf } from '@troupe/worker';
import type { EventHandler } from '@troupe/messaging';
import { projectedEventTypes, type ProjectedEvent } from '../view/order-view';
import { projectIntoStore } from '../store/project-into-store';
import type { ViewChanges } from '../store/view-changes';

/** The consumed events (order-view's manifest), all folded by the same projection. */
export function orderViewHandlers(changes: ViewChanges, clock: () => Date = () => new Date()): HandlersOf<typeof orderViewManifest> {
  const handle: EventHandler<ProjectedEvent> = async (event, ctx) => {
    const written = await projectIntoStore(ctx.store, event, clock());
    // The transaction commits after the handler returns (maybe batched with others). A woken reader re-reads:
    // on SQLite its read queues behind the open transaction, elsewhere a miss falls back to its periodic re-read.
    if (written) setImmediate(() => changes.changed(event.data.orderId));
  };
  // One handler per projected type; the manifest lists the same types, which the chassis checks at start.
  return Object.fromEntries(projectedEventTypes.map((type) => [type, handle])) as unknown as HandlersOf<typeof orderViewManifest>;
}
