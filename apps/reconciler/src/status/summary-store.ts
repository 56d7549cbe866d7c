import type { Store } from '@troupe/persistence';
import { runsCollection } from '../lease/run-lease';
import type { RunReport } from '../run/run-report';
import { addRun, emptySummary, type RunSummary } from './run-summary';

const summaryId = 'summary';

type SummaryDocument = RunSummary & { _id: string; version?: number };

/**
 * The summary is kept in the store next to the lease, so every instance's /status shows the last run whoever ran
 * it, and totals survive restarts. Only the lease holder writes it.
 */
export class SummaryStore {
  constructor(private readonly store: Store) {}

  async read(): Promise<RunSummary> {
    const document = await this.store.collection<SummaryDocument>(runsCollection).get(summaryId);
    if (!document) return emptySummary;
    const { lastRun, totals, stuckSagas, cursor } = document;
    return { lastRun, totals, stuckSagas, cursor };
  }

  async record(run: RunReport): Promise<RunSummary> {
    const summary = addRun(await this.read(), run);
    await this.store.collection<SummaryDocument>(runsCollection).upsert({ _id: summaryId, ...summary });
    return summary;
  }
}
