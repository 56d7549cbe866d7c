import { undoersOf, type SagaGraph } from '../saga-graph';
import type { Violation } from '../violation';

/** A compensation that undoes an event no forward step emits undoes nothing: usually a typo or a removed step. */
export function findUnknownUndoes(graph: SagaGraph): Violation[] {
  const forwardEvents = new Set(graph.forwardSteps.map((step) => step.emits));
  const undone = new Set([...graph.reactions.values()].flat().flatMap(({ reaction }) => (reaction.kind === 'compensation' ? [reaction.undoes] : [])));
  const violations: Violation[] = [];
  for (const step of [...undone].sort()) {
    if (forwardEvents.has(step)) continue;
    for (const { service, reaction } of undoersOf(graph, step)) {
      violations.push({ rule: 'undoes-unknown-step', message: `${service}'s compensation on ${reaction.on} undoes ${step}, which no forward step emits` });
    }
  }
  return violations;
}
