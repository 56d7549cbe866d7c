import type { EventType, ServiceManifest } from '@troupe/contracts';

/** One way a flow can run through the map: from an initiated event, one emitted alternative per step, to its end. */
export type Flow = EventType[];

/**
 * Every flow of the choreography, enumerated from each initiation. A reaction's `emits` are alternatives (payment
 * emits captured or declined), so each alternative is its own flow; projections emit nothing and end no flow early.
 */
export function sagaFlows(manifests: readonly ServiceManifest[]): Flow[] {
  const next = (event: EventType): EventType[] =>
    manifests.flatMap((m) => m.reactions.filter((r) => r.on === event && r.kind !== 'projection').flatMap((r) => [...r.emits]));
  const flows: Flow[] = [];
  const walk = (path: Flow): void => {
    const following = next(path.at(-1)!).filter((event) => !path.includes(event));
    if (following.length === 0) flows.push(path);
    for (const event of following) walk([...path, event]);
  };
  for (const manifest of manifests) for (const initiation of manifest.initiates) walk([initiation.emits]);
  return flows;
}

/** An initiated event that some service compensates on (a cancellation request) starts a relay inside a running saga. */
export function startsCompensation(manifests: readonly ServiceManifest[], event: EventType): boolean {
  return manifests.some((m) => m.reactions.some((r) => r.on === event && r.kind === 'compensation'));
}

/** The steps a compensation may find done: every event some compensation declares it undoes. */
export function undoableSteps(manifests: readonly ServiceManifest[]): Set<EventType> {
  return new Set(manifests.flatMap((m) => m.reactions.flatMap((r) => (r.kind === 'compensation' ? [r.undoes] : []))));
}
