import type { IndexSpec, StoredDocument } from '@troupe/persistence';
import type { OrderView } from '../view/order-view';

export const orderViewsCollection = 'order_views';

/**
 * One order's view as stored. The view is nested because the store owns the top-level `version`
 * (optimistic concurrency), which is not the order's version.
 */
export interface OrderViewRow extends StoredDocument {
  /** The order id. */
  _id: string;
  view: OrderView;
  /** When this row last changed here (projection or repair), never earlier than before: the change feed's clock. */
  updatedAt: string;
}

/** Every filter GET /orders and GET /orders/changes offer has an index. */
export const orderViewIndexes: IndexSpec[] = [{ fields: ['view.status'] }, { fields: ['view.customerId'] }, { fields: ['updatedAt'] }];

/** The clock only moves forward per row, even across instances whose clocks disagree. */
export function nextUpdatedAt(previous: string | undefined, now: Date): string {
  const stamp = now.toISOString();
  return previous !== undefined && previous > stamp ? previous : stamp;
}
