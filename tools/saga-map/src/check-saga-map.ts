import type { ServiceManifest } from '@troupe/contracts';
import { findConflictingReactions } from './rules/conflicting-reactions';
import { findCycles } from './rules/cycles';
import { findNeverConsumed } from './rules/never-consumed';
import { findNeverProduced } from './rules/never-produced';
import { findStaleExemptions, findUncompensatedSteps } from './rules/uncompensated-steps';
import { findUnknownUndoes } from './rules/undoes-unknown-step';
import { buildSagaGraph } from './saga-graph';
import type { SagaMapOptions } from './saga-map-options';
import type { Violation } from './violation';

/** Every rule over the manifests; an empty list means the choreography is well-formed. */
export function checkSagaMap(manifests: readonly ServiceManifest[], options: SagaMapOptions): Violation[] {
  const graph = buildSagaGraph(manifests);
  return [
    ...findCycles(graph),
    ...findNeverProduced(graph),
    ...findNeverConsumed(graph),
    ...findUncompensatedSteps(graph, options),
    ...findStaleExemptions(graph, options),
    ...findUnknownUndoes(graph),
    ...findConflictingReactions(graph),
  ];
}
