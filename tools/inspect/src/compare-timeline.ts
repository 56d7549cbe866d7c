import type { EventType, ServiceManifest } from '@troupe/contracts';
import { expectedPaths, type ExpectedPath } from './expected-paths';
import { sortHops, type Hop } from './hop';
import { reasonHints } from './reason-hints';

export interface HopVerdict {
  hop: Hop;
  outcome: 'ok' | 'unexpected' | 'error';
  note?: string;
}

export interface AbsentStep {
  event: EventType;
  /** Who the map says emits it. */
  producers: string[];
}

export interface Comparison {
  /** The map's path the observations were compared with (required events, in order). */
  path: EventType[];
  rows: HopVerdict[];
  /** Required by the path, visible to the sources, not observed. */
  missing: AbsentStep[];
  /** Required by the path but invisible to the sources used (order-view without traces). */
  unobserved: AbsentStep[];
  /** Hops the map does not allow, counted with missing steps as departures. */
  unexpected: number;
}

export interface CompareInput {
  manifests: readonly ServiceManifest[];
  status: string;
  reason?: string;
  hops: readonly Hop[];
  isVisible: (event: string) => boolean;
}

/** A running saga (`PENDING`) only requires the path up to the furthest step it has reached. */
function requiredSoFar(path: ExpectedPath, observed: Set<string>, running: boolean): EventType[] {
  if (!running) return path.required;
  const reached = path.required.reduce((last, event, index) => (observed.has(event) ? index : last), -1);
  return path.required.slice(0, reached + 1);
}

/**
 * Compares a saga's observed hops with the map: picks the path that explains them best (fewest missing plus
 * unexpected; the cancellation reason breaks ties), then marks each hop and lists the absent steps.
 */
export function compareTimeline(input: CompareInput): Comparison {
  const { manifests, status, hops, isVisible } = input;
  const producersOf = (event: string) => manifests.filter((m) => m.initiates.some((i) => i.emits === event) || m.reactions.some((r) => r.emits.includes(event as EventType))).map((m) => m.service);
  const emitted = hops.filter((hop) => hop.action === 'emitted');
  const observed = new Set(emitted.map((hop) => hop.event));
  const running = status === 'PENDING';
  const candidates = expectedPaths(manifests, status);
  const hint = input.reason === undefined ? undefined : reasonHints[input.reason];
  const scored = candidates.map((path) => {
    const required = requiredSoFar(path, observed, running);
    const missing = required.filter((event) => !observed.has(event) && isVisible(event)).length;
    const unexpected = emitted.filter((hop) => !path.allowed.has(hop.event as EventType)).length;
    return { path, required, score: missing + unexpected, hinted: hint !== undefined && required.includes(hint as EventType) };
  });
  scored.sort((a, b) => a.score - b.score || Number(b.hinted) - Number(a.hinted));
  const best = scored[0] ?? { path: { required: [], allowed: new Set<EventType>() }, required: [] };
  const outcomeNote = candidates.length === 0 ? `the map has no path ending in ${status}` : `not on the map's path to ${status}`;

  const emittedBefore = new Set<string>();
  const rows = sortHops(hops).map((hop): HopVerdict => {
    const key = `${hop.service} ${hop.event} ${hop.source}`;
    if (!best.path.allowed.has(hop.event as EventType)) return { hop, outcome: 'unexpected', note: outcomeNote };
    if (hop.action === 'emitted') {
      const producers = producersOf(hop.event);
      if (!producers.includes(hop.service)) return { hop, outcome: 'unexpected', note: `the map has ${producers.join(', ') || 'nobody'} emit it` };
      if (emittedBefore.has(key)) return { hop, outcome: 'unexpected', note: 'emitted again' };
      emittedBefore.add(key);
    } else if (!manifests.some((m) => m.service === hop.service && m.reactions.some((r) => r.on === hop.event))) {
      return { hop, outcome: 'unexpected', note: `the map has no reaction of ${hop.service} to it` };
    }
    if (hop.error !== undefined) return { hop, outcome: 'error', note: hop.error };
    return { hop, outcome: 'ok' };
  });
  const absent = best.required.filter((event) => !observed.has(event)).map((event) => ({ event, producers: producersOf(event) }));
  return {
    path: best.required,
    rows,
    missing: absent.filter((step) => isVisible(step.event)),
    unobserved: absent.filter((step) => !isVisible(step.event)),
    unexpected: rows.filter((row) => row.outcome === 'unexpected').length,
  };
}
