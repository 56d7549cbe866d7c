import type { EventType, ServiceManifest } from '@troupe/contracts';
import { compareTimeline, expectedPaths, hopsFromOrderView, visibleEvents, type ExpectedPath } from '../tooling/inspect';
import type { AbsentStep, SagaDetail, SagaSummary, TimelineRow } from './saga-types';
import { summariseView, type OrderViewBody } from './summarise-view';

export type SagaProgress = Pick<SagaDetail, 'timeline' | 'path' | 'awaited' | 'missing' | 'unobserved' | 'departures' | 'verdict'>;

const producersOf = (manifests: readonly ServiceManifest[], event: string): string[] =>
  manifests.filter((m) => m.initiates.some((i) => i.emits === event) || m.reactions.some((r) => r.emits.includes(event as EventType))).map((m) => m.service);

/** Events that only a compensation emits (a refund, a release): a path with fewer of them is the hopeful one. */
const compensationEvents = (manifests: readonly ServiceManifest[]): Set<string> =>
  new Set(manifests.flatMap((m) => m.reactions.filter((r) => r.kind === 'compensation').flatMap((r) => [...r.emits])));

const lastObservedIndex = (path: readonly string[], observed: ReadonlySet<string>): number =>
  path.reduce((last, event, index) => (observed.has(event) ? index : last), -1);

/**
 * The path a running saga is on, in full: inspect cuts a running saga's path at the furthest step it reached (it
 * judges what happened); the board also shows what comes next. Among the map's paths that explain what was seen, the
 * one with the fewest gaps and unexpected steps wins, then the one with fewest compensations (while nothing failed,
 * the saga is expected to go forward), then the shortest.
 */
function runningPath(manifests: readonly ServiceManifest[], observed: ReadonlySet<string>, isVisible: (event: string) => boolean): ExpectedPath | undefined {
  const compensating = compensationEvents(manifests);
  const scored = expectedPaths(manifests, 'PENDING').map((path) => {
    const reached = lastObservedIndex(path.required, observed);
    const gaps = path.required.slice(0, reached + 1).filter((event) => !observed.has(event) && isVisible(event)).length;
    const unexpected = [...observed].filter((event) => !path.allowed.has(event as EventType)).length;
    return { path, score: gaps + unexpected, compensations: path.required.filter((event) => compensating.has(event)).length };
  });
  scored.sort((a, b) => a.score - b.score || a.compensations - b.compensations || a.path.required.length - b.path.required.length);
  return scored[0]?.path;
}

/**
 * One saga read against the map, as `troupe inspect` reads it from order-view (same comparison, same flags), plus
 * what is still awaited: the steps after the last one seen, for a running saga; for a finished one, the steps after
 * its last step (a notification still on its way) while that last step is younger than the saga deadline — after
 * that they count as missing.
 */
export function sagaProgress(manifests: readonly ServiceManifest[], view: OrderViewBody, nowMs: number, deadlineMs: number): SagaProgress {
  const hops = hopsFromOrderView(view);
  const isVisible = visibleEvents(manifests, false, hops.map((hop) => hop.event));
  const comparison = compareTimeline({ manifests, status: view.status, ...(view.reason !== undefined ? { reason: view.reason } : {}), hops, isVisible });
  const observed = new Set(view.timeline.map((step) => step.event));
  const absent = (event: string): AbsentStep => ({ event, producers: producersOf(manifests, event) });

  let path: string[] = comparison.path;
  let awaited: AbsentStep[] = [];
  let missing: AbsentStep[] = comparison.missing.map((step) => absent(step.event));
  if (view.status === 'PENDING') {
    const running = runningPath(manifests, observed, isVisible);
    if (running) {
      path = running.required;
      awaited = path.slice(lastObservedIndex(path, observed) + 1).map(absent);
    }
  } else {
    const reached = lastObservedIndex(path, observed);
    const lastAt = Math.max(...view.timeline.map((step) => Date.parse(step.at)));
    const recent = Number.isFinite(lastAt) && nowMs - lastAt < deadlineMs;
    awaited = recent ? missing.filter((step) => path.indexOf(step.event) > reached) : [];
    missing = missing.filter((step) => !awaited.includes(step));
  }

  const start = comparison.rows[0]?.hop.at;
  const timeline: TimelineRow[] = comparison.rows.map((row, index) => {
    const previous = comparison.rows[index - 1]?.hop.at;
    return {
      service: row.hop.service,
      event: row.hop.event,
      at: new Date(row.hop.at).toISOString(),
      ...(previous === undefined ? {} : { sincePreviousMs: row.hop.at - previous }),
      sinceStartMs: start === undefined ? 0 : row.hop.at - start,
      outcome: row.outcome,
      ...(row.note !== undefined ? { note: row.note } : {}),
    };
  });
  const departures = missing.length + comparison.unexpected;
  const verdict =
    departures > 0
      ? `departs from the map: ${missing.length} missing, ${comparison.unexpected} unexpected`
      : awaited.length > 0
        ? `follows the map so far; awaits ${awaited[0]!.event}${awaited[0]!.producers.length ? ` from ${awaited[0]!.producers.join(', ')}` : ''}`
        : 'follows the map';
  return { timeline, path, awaited, missing, unobserved: comparison.unobserved.map((step) => absent(step.event)), departures, verdict };
}

/** The list's row: the view's summary plus the step it still awaits, if any (only worked out when one may be due). */
export function summariseSaga(manifests: readonly ServiceManifest[], view: OrderViewBody, nowMs: number, deadlineMs: number): SagaSummary {
  const summary = summariseView(view);
  if (view.status !== 'PENDING' && view.notified) return summary;
  const next = sagaProgress(manifests, view, nowMs, deadlineMs).awaited[0];
  return next ? { ...summary, awaits: next } : summary;
}
