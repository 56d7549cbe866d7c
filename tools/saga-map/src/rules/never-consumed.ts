import { actingReactions, type SagaGraph } from '../saga-graph';
import type { Violation } from '../violation';

/**
 * An emitted event that no service acts on (projections only observe) and that its producer does not declare
 * `terminal`: either a reaction is missing or the flow's end is undeclared.
 */
export function findNeverConsumed(graph: SagaGraph): Violation[] {
  const violations: Violation[] = [];
  for (const [event, producers] of graph.producers) {
    if (graph.terminal.has(event) || actingReactions(graph, event).length > 0) continue;
    const observers = (graph.reactions.get(event) ?? []).map(({ service }) => service);
    const readBy = observers.length > 0 ? `only projections read it (${observers.join(', ')})` : 'nobody consumes it';
    violations.push({
      rule: 'never-consumed',
      message: `${event} is emitted by ${producers.join(', ')} but ${readBy}, and it is not declared terminal`,
    });
  }
  return violations;
}
