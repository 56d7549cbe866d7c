import type { OrderCursor } from '../cursor/order-cursor';

/** What one run did; /status shows the last one and the sums over all of them. */
export interface RunReport {
  startedAt: string;
  finishedAt: string;
  /** Rows order-service served (judged or not: rows inside the grace window are read again next run). */
  rowsRead: number;
  /** Settled rows compared with the view (and analytics when terminal). */
  rowsCompared: number;
  /** Drifting (order, target) pairs: an order wrong in both the view and analytics counts twice. */
  driftFound: number;
  repaired: number;
  errors: number;
  /** Every stuck order found (the summary keeps the first 50 ids). */
  stuckOrderIds: string[];
  cursor: OrderCursor;
}
