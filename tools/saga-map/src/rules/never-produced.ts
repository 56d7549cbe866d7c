import type { SagaGraph } from '../saga-graph';
import type { Violation } from '../violation';

/** An event some service reacts to (even only as a projection) that no manifest emits: that queue would stay empty. */
export function findNeverProduced(graph: SagaGraph): Violation[] {
  const violations: Violation[] = [];
  for (const [event, reactions] of graph.reactions) {
    if (graph.producers.has(event)) continue;
    const readers = reactions.map(({ service, reaction }) => `${service} (${reaction.kind})`).join(', ');
    violations.push({ rule: 'never-produced', message: `${event} is consumed by ${readers} but no manifest emits it` });
  }
  return violations;
}
