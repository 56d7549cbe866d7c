import type { OrderCursor } from '../cursor/order-cursor';
import type { ChangedOrdersPage, Sources } from '../run/sources';
import type { AnalyticsRow, OrderRecord, OrderViewRow } from '../sources/rows';
import { changedOrdersPage } from './order-feed';

/** The three services as maps, counting what the run read and wrote; `failView` makes one order's view read throw. */
export class InMemorySources implements Sources {
  readonly records = new Map<string, OrderRecord>();
  readonly views = new Map<string, OrderViewRow>();
  readonly lines = new Map<string, AnalyticsRow>();
  rowsServed = 0;
  viewPuts: string[] = [];
  analyticsPuts: string[] = [];
  failView = new Set<string>();

  readonly orders = {
    changedSince: async (cursor: OrderCursor, limit: number): Promise<ChangedOrdersPage> => {
      const page = changedOrdersPage(this.records.values(), cursor, limit);
      this.rowsServed += page.orders.length;
      return page;
    },
    get: async (orderId: string) => this.records.get(orderId),
  };

  readonly view = {
    get: async (orderId: string) => {
      if (this.failView.has(orderId)) throw new Error(`order-view unavailable for ${orderId}`);
      return this.views.get(orderId);
    },
    put: async (row: OrderViewRow) => {
      this.viewPuts.push(row.orderId);
      this.views.set(row.orderId, row);
      return true;
    },
  };

  readonly analytics = {
    get: async (orderId: string) => this.lines.get(orderId),
    put: async (orderId: string, line: { outcome: string; total: number }) => {
      this.analyticsPuts.push(orderId);
      this.lines.set(orderId, { orderId, ...line });
      return true;
    },
  };
}
