import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '@troupe/worker';
import type { RunLease } from '../lease/run-lease';
import type { ReconcilerMetrics } from '../status/reconciler-metrics';
import type { SummaryStore } from '../status/summary-store';
import { reconcileRun, type RunDependencies } from './reconcile-run';
import type { RunReport } from './run-report';

/**
 * A run every RECONCILE_INTERVAL_MS that found nothing is routine: at info it would be most of a quiet system's log.
 * A run that found drift, repaired, failed somewhere or saw a stuck saga is worth a line at info.
 */
export function runSummaryLevel(report: RunReport): 'info' | 'debug' {
  return report.driftFound > 0 || report.repaired > 0 || report.errors > 0 || report.stuckOrderIds.length > 0 ? 'info' : 'debug';
}

export type RunOutcome = { ran: true; report: RunReport } | { ran: false; why: string };

/**
 * Claims the lease, runs, records the summary and metrics, releases. Each attempt is its own lease holder, so even
 * a manual run and a scheduled one in the same process exclude each other.
 */
export class Reconciler {
  private readonly instance = `${hostname()}:${process.pid}`;

  constructor(
    private readonly deps: Omit<RunDependencies, 'onVerdict'> & { lease: RunLease },
    private readonly summaries: SummaryStore,
    private readonly metrics: ReconcilerMetrics,
    private readonly logger: Logger,
  ) {}

  /** `tick` is the scheduled slot (floor(now / interval)); undefined for a run asked for by hand. */
  async run(tick?: number): Promise<RunOutcome> {
    const holder = `${this.instance}:${randomUUID()}`;
    const claim = await this.deps.lease.claim(holder, this.deps.now(), tick);
    if (!claim.claimed) {
      this.metrics.runSkipped(claim.why);
      this.logger.debug({ tick, why: claim.why }, 'run skipped');
      return { ran: false, why: claim.why };
    }
    const started = process.hrtime.bigint();
    const report = await reconcileRun({ ...this.deps, onVerdict: (verdict) => this.metrics.verdict(verdict) }, claim.lease);
    this.metrics.runFinished(report, Number(process.hrtime.bigint() - started) / 1e9);
    await this.summaries.record(report);
    const { stuckOrderIds, ...counts } = report;
    if (stuckOrderIds.length > 0) {
      this.logger.warn(
        { count: stuckOrderIds.length, orderIds: stuckOrderIds.slice(0, 50) },
        'orders still PENDING past their deadline: a saga message was lost or parked (check the DLQs)',
      );
    }
    this.logger[runSummaryLevel(report)]({ ...counts, stuckSagas: stuckOrderIds.length }, 'reconciliation run finished');
    return { ran: true, report };
  }
}
