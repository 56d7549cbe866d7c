import type { EventType } from '@troupe/contracts';
import type { SagaGraph } from '../saga-graph';
import type { Violation } from '../violation';

/** One event on a walk, with the service whose reaction emitted it (none for the walk's start). */
interface Step {
  event: EventType;
  emittedBy?: string;
}

/**
 * Cycles in the causal event graph (event → the events a reaction to it emits). Links through compensation reactions
 * are left out: a participant compensates an order at most once and then refuses forward steps, so a loop through one
 * ends by itself. A loop of forward links has no such brake. Service-level loops are normal: the service that starts
 * a saga usually hears its end.
 */
export function findCycles(graph: SagaGraph): Violation[] {
  const links = new Map<EventType, Step[]>();
  for (const [event, reactions] of graph.reactions) {
    for (const { service, reaction } of reactions) {
      if (reaction.kind === 'compensation') continue;
      for (const next of reaction.emits) links.set(event, [...(links.get(event) ?? []), { event: next, emittedBy: service }]);
    }
  }
  const reported = new Set<string>();
  const violations: Violation[] = [];
  const walk = (path: Step[]): void => {
    const current = path.at(-1)!;
    const start = path.findIndex((step) => step.event === current.event);
    if (start < path.length - 1) {
      const loop = path.slice(start);
      const key = loop.slice(1).map((step) => step.event).sort().join(' ');
      if (reported.has(key)) return;
      reported.add(key);
      const text = loop.map((step, i) => (i === 0 ? step.event : `${step.event} (${step.emittedBy})`)).join(' → ');
      violations.push({ rule: 'cycle', message: `${text}: forward reactions loop forever; break the loop or make one link a declared compensation` });
      return;
    }
    for (const next of links.get(current.event) ?? []) walk([...path, next]);
  };
  for (const event of [...links.keys()].sort()) walk([{ event }]);
  return violations;
}
