import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { OrderVerdict } from '../run/reconcile-order';
import type { RunReport } from '../run/run-report';

export interface ReconcilerMetrics {
  runSkipped(why: string): void;
  verdict(verdict: OrderVerdict): void;
  runFinished(report: RunReport, seconds: number): void;
}

/** Registered on the chassis' per-worker registry, so they are served on /metrics with the service label. */
export function createReconcilerMetrics(registry: Registry): ReconcilerMetrics {
  const registers = [registry];
  const runs = new Counter({ name: 'troupe_reconciler_runs_total', help: 'Reconciliation runs, by result (completed, with_errors, or why it was skipped)', labelNames: ['result'], registers });
  const compared = new Counter({ name: 'troupe_reconciler_rows_compared_total', help: 'Settled orders compared with the derived stores', registers });
  const drift = new Counter({ name: 'troupe_reconciler_drift_found_total', help: 'Drifting rows found, by target and kind of difference', labelNames: ['target', 'kind'], registers });
  const repaired = new Counter({ name: 'troupe_reconciler_repaired_total', help: 'Rows rewritten with the system of record truth', registers });
  const stuck = new Gauge({ name: 'troupe_reconciler_stuck_sagas', help: 'Orders still PENDING well past their deadline at the last run', registers });
  const duration = new Histogram({
    name: 'troupe_reconciler_run_duration_seconds',
    help: 'Seconds one reconciliation run took',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });

  return {
    runSkipped: (why) => runs.inc({ result: why }),
    verdict: (verdict) => {
      for (const kind of verdict.viewDrift) drift.inc({ target: 'order-view', kind });
      for (const kind of verdict.analyticsDrift) drift.inc({ target: 'analytics', kind });
      repaired.inc(verdict.repaired);
    },
    runFinished: (report, seconds) => {
      runs.inc({ result: report.errors > 0 ? 'with_errors' : 'completed' });
      compared.inc(report.rowsCompared);
      stuck.set(report.stuckOrderIds.length);
      duration.observe(seconds);
    },
  };
}
