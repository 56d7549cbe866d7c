import type { OrderCursor } from '../cursor/order-cursor';
import type { AnalyticsRow, OrderRecord, OrderViewRow } from '../sources/rows';

export interface ChangedOrdersPage {
  orders: OrderRecord[];
  /** Where the next page starts; absent on the last page. */
  next?: OrderCursor;
}

/** What the run needs from the system of record (the HTTP client, or an in-memory one in specs). */
export interface OrderSource {
  changedSince(cursor: OrderCursor, limit: number): Promise<ChangedOrdersPage>;
  get(orderId: string): Promise<OrderRecord | undefined>;
}

export interface ViewTarget {
  get(orderId: string): Promise<OrderViewRow | undefined>;
  /** False when the target refused the row as older than what it holds. */
  put(row: OrderViewRow): Promise<boolean>;
}

export interface AnalyticsTarget {
  get(orderId: string): Promise<AnalyticsRow | undefined>;
  put(orderId: string, line: { outcome: string; total: number }): Promise<boolean>;
}

/** The system of record and the two derived stores it is compared with. */
export interface Sources {
  orders: OrderSource;
  view: ViewTarget;
  analytics: AnalyticsTarget;
}
