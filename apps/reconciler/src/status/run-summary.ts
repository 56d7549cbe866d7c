import type { OrderCursor } from '../cursor/order-cursor';
import type { RunReport } from '../run/run-report';
import { maxReportedStuckIds } from '../stuck/stuck-saga';

/** The last run's counts as /status shows them (its stuck ids and cursor are shown on their own). */
export type LastRun = Omit<RunReport, 'stuckOrderIds' | 'cursor'>;

export interface Totals {
  runs: number;
  rowsCompared: number;
  driftFound: number;
  repaired: number;
}

/** The `GET /status` body. */
export interface RunSummary {
  lastRun: LastRun | null;
  totals: Totals;
  stuckSagas: { count: number; orderIds: string[] };
  cursor: OrderCursor | null;
}

export const emptySummary: RunSummary = {
  lastRun: null,
  totals: { runs: 0, rowsCompared: 0, driftFound: 0, repaired: 0 },
  stuckSagas: { count: 0, orderIds: [] },
  cursor: null,
};

/** Folds a finished run into the summary: the run becomes the last one and adds to the totals. */
export function addRun(summary: RunSummary, run: RunReport): RunSummary {
  const { startedAt, finishedAt, rowsRead, rowsCompared, driftFound, repaired, errors } = run;
  return {
    lastRun: { startedAt, finishedAt, rowsRead, rowsCompared, driftFound, repaired, errors },
    totals: {
      runs: summary.totals.runs + 1,
      rowsCompared: summary.totals.rowsCompared + rowsCompared,
      driftFound: summary.totals.driftFound + driftFound,
      repaired: summary.totals.repaired + repaired,
    },
    stuckSagas: { count: run.stuckOrderIds.length, orderIds: run.stuckOrderIds.slice(0, maxReportedStuckIds) },
    cursor: run.cursor,
  };
}
