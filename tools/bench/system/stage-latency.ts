/**
 * Where a hop's time goes, per process, from histograms each process keeps itself: a Troupe worker's
 * `troupe_handler_duration_seconds` (receipt to commit) and `troupe_publish_confirm_duration_seconds` (an outbox
 * event handed to the publisher to the broker's confirm), and a raw replay process's confirm latency in the same
 * buckets. Histograms are cumulative since the process started, so a phase's figures are the difference of a
 * reading before it and one after it.
 */
import { metricsPage } from './metrics-page';

/** Cumulative counts per upper bound (`counts[i]` observations ≤ `bounds[i]`), and the total (the +Inf bucket). */
export interface BucketCounts {
  bounds: number[];
  counts: number[];
  total: number;
}

export const handlerHistogram = 'troupe_handler_duration_seconds';
export const confirmHistogram = 'troupe_publish_confirm_duration_seconds';

/** A histogram of a Prometheus text page, summed over its label sets (every event type); undefined if absent. */
export function parseHistogram(metricsText: string, name: string): BucketCounts | undefined {
  const byBound = new Map<number, number>();
  let total = 0;
  let seen = false;
  const pattern = new RegExp(`^${name}_bucket\\{([^}]*)\\}\\s+([0-9.eE+-]+)\\s*$`, 'gm');
  for (const [, labels, value] of metricsText.matchAll(pattern)) {
    const le = /(?:^|,)le="([^"]+)"/.exec(labels!)?.[1];
    if (le === undefined) continue;
    seen = true;
    if (le === '+Inf') total += Number(value);
    else byBound.set(Number(le), (byBound.get(Number(le)) ?? 0) + Number(value));
  }
  if (!seen) return undefined;
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  return { bounds, counts: bounds.map((bound) => byBound.get(bound)!), total };
}

/** What was observed between two readings of the same histogram (`before` undefined: since the start). */
export function bucketDelta(after: BucketCounts, before: BucketCounts | undefined): BucketCounts {
  if (!before) return after;
  if (before.bounds.join() !== after.bounds.join()) throw new Error('histogram buckets changed between two readings');
  return { bounds: after.bounds, counts: after.counts.map((count, index) => count - before.counts[index]!), total: after.total - before.total };
}

/**
 * The q-quantile (0–1) in seconds, interpolated linearly within its bucket as PromQL's `histogram_quantile` does
 * (the first bucket from 0); one that falls beyond the last finite bound is that bound. NaN without observations.
 */
export function bucketQuantile(histogram: BucketCounts, q: number): number {
  if (histogram.total <= 0) return Number.NaN;
  const rank = q * histogram.total;
  for (const [index, bound] of histogram.bounds.entries()) {
    const count = histogram.counts[index]!;
    if (count >= rank) {
      const lowerBound = index === 0 ? 0 : histogram.bounds[index - 1]!;
      const lowerCount = index === 0 ? 0 : histogram.counts[index - 1]!;
      const inBucket = count - lowerCount;
      return inBucket <= 0 ? bound : lowerBound + (bound - lowerBound) * ((rank - lowerCount) / inBucket);
    }
  }
  return histogram.bounds[histogram.bounds.length - 1] ?? Number.NaN;
}

/** Counts one observation (seconds) into cumulative buckets: the raw replay's side of the same figures. */
export function observe(histogram: BucketCounts, seconds: number): void {
  for (const [index, bound] of histogram.bounds.entries()) if (seconds <= bound) histogram.counts[index]! += 1;
  histogram.total += 1;
}

/** Empty cumulative buckets with these upper bounds (seconds, ascending). */
export function emptyHistogram(bounds: readonly number[]): BucketCounts {
  return { bounds: [...bounds], counts: bounds.map(() => 0), total: 0 };
}

/** One stage of one process over a phase, in ms. */
export interface StageFigures {
  count: number;
  p50: number;
  p99: number;
}

/** One process over a phase: commit (Troupe workers only) and confirm; absent where it did neither. */
export interface ProcessStages {
  process: string;
  commit?: StageFigures;
  confirm?: StageFigures;
}

export function stageFigures(histogram: BucketCounts | undefined): StageFigures | undefined {
  if (!histogram || histogram.total <= 0) return undefined;
  return { count: histogram.total, p50: bucketQuantile(histogram, 0.5) * 1000, p99: bucketQuantile(histogram, 0.99) * 1000 };
}

/** A reading of every process: its histograms by name. */
export type StageReading = Map<string, { commit?: BucketCounts; confirm?: BucketCounts }>;

/** The phase between two readings, process by process (in the order of `after`), leaving out processes that did nothing. */
export function phaseStages(before: StageReading, after: StageReading): ProcessStages[] {
  return [...after].flatMap(([process, { commit, confirm }]) => {
    const earlier = before.get(process);
    const stages: ProcessStages = { process };
    const commitFigures = stageFigures(commit && bucketDelta(commit, earlier?.commit));
    const confirmFigures = stageFigures(confirm && bucketDelta(confirm, earlier?.confirm));
    if (commitFigures) stages.commit = commitFigures;
    if (confirmFigures) stages.confirm = confirmFigures;
    return commitFigures || confirmFigures ? [stages] : [];
  });
}

/** Each Troupe process's two histograms from its /metrics (names unique, as `order-service#2`); one that does not answer is left out. */
export async function readWorkerStages(apps: ReadonlyArray<{ app: string; url: string }>): Promise<StageReading> {
  const pages = await Promise.all(apps.map(async ({ app, url }) => [app, await metricsPage(url)] as const));
  return new Map(pages.flatMap(([app, page]) => (page === undefined ? [] : [[app, { commit: parseHistogram(page, handlerHistogram), confirm: parseHistogram(page, confirmHistogram) }] as const])));
}
