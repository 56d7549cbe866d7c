import type { EventType } from '@troupe/contracts';
import { actingReactions, triggersCompensation, triggersForward, undoersOf, type SagaGraph } from '../saga-graph';
import type { Violation } from '../violation';

/**
 * Two services whose declared reactions contradict each other:
 * 1. two services undo the same step (`undoes` the same event): who owns the undo is ambiguous, it may run twice;
 * 2. one event is a forward trigger for one service and a compensation trigger for another: it cannot mean both
 *    "go on" and "undo";
 * 3. two services take forward steps on one event and one may emit an event that advances the saga while the other
 *    may emit one that starts compensating: the saga forks into outcomes that exclude each other.
 */
export function findConflictingReactions(graph: SagaGraph): Violation[] {
  const violations: Violation[] = [];
  const steps = new Set([...graph.reactions.values()].flat().flatMap(({ reaction }) => (reaction.kind === 'compensation' ? [reaction.undoes] : [])));
  for (const step of [...steps].sort()) {
    const services = [...new Set(undoersOf(graph, step).map(({ service }) => service))];
    if (services.length > 1) {
      violations.push({ rule: 'conflicting-reactions', message: `${step} is undone by ${services.length} services (${services.join(', ')}): exactly one service may own undoing a step` });
    }
  }
  for (const event of [...graph.reactions.keys()].sort()) {
    const acting = actingReactions(graph, event);
    const advancing = acting.filter(({ reaction }) => reaction.kind === 'forward');
    const compensating = acting.filter(({ reaction }) => reaction.kind === 'compensation');
    const mixed = advancing.flatMap((a) => compensating.filter((c) => c.service !== a.service).map((c) => [a.service, c.service]));
    if (mixed.length > 0) {
      const [forwardService, compensatingService] = mixed[0];
      violations.push({ rule: 'conflicting-reactions', message: `${event} advances ${forwardService} (forward) but makes ${compensatingService} compensate: one event cannot mean both "go on" and "undo"` });
    }
    for (const a of advancing) {
      for (const b of advancing) {
        if (a.service === b.service) continue;
        const goOn = a.reaction.emits.find((emitted: EventType) => triggersForward(graph, emitted) && !triggersCompensation(graph, emitted));
        const undo = b.reaction.emits.find((emitted: EventType) => triggersCompensation(graph, emitted));
        if (goOn && undo) {
          violations.push({
            rule: 'conflicting-reactions',
            message: `on ${event}, ${a.service} may emit ${goOn} (the saga goes on) while ${b.service} may emit ${undo} (the saga compensates): two services decide one step with exclusive outcomes`,
          });
        }
      }
    }
  }
  return violations;
}
