import type { StoreSession } from '@troupe/persistence';
import type { ProjectedEvent } from '../view/order-view';
import { project } from '../view/project';
import { nextUpdatedAt, orderViewsCollection, type OrderViewRow } from './order-view-row';

/**
 * Folds one event into its order's row within the caller's transaction. Returns the written row, or undefined
 * when the event changed nothing (already applied). A concurrent writer makes `update`/`insert` throw, and the
 * delivery is re-run on the fresh row.
 */
export async function projectIntoStore(session: StoreSession, event: ProjectedEvent, now: Date): Promise<OrderViewRow | undefined> {
  const rows = session.collection<OrderViewRow>(orderViewsCollection);
  const row = await rows.get(event.data.orderId);
  const view = project(row?.view, event);
  if (row && view === row.view) return undefined;
  const next: OrderViewRow = { _id: view.orderId, view, updatedAt: nextUpdatedAt(row?.updatedAt, now) };
  return row ? rows.update(next, row.version!) : rows.insert(next);
}
