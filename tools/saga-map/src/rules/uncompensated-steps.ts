import type { EventType } from '@troupe/contracts';
import type { SagaMapOptions } from '../saga-map-options';
import { triggersCompensation, undoersOf, type SagaGraph } from '../saga-graph';
import type { Violation } from '../violation';

/**
 * Every event emitted as a forward step (initiation or forward reaction) must be covered: undone by some compensation
 * (`undoes: <event>`), or itself a failure signal (some service compensates on it: the step did nothing to undo),
 * or declared `terminal` (nothing after it can fail), or listed in `pointsOfNoReturn`.
 */
export function findUncompensatedSteps(graph: SagaGraph, options: SagaMapOptions): Violation[] {
  const violations: Violation[] = [];
  const reported = new Set<string>();
  for (const step of graph.forwardSteps) {
    const event = step.emits;
    if (undoersOf(graph, event).length > 0 || triggersCompensation(graph, event) || graph.terminal.has(event)) continue;
    if (event in options.pointsOfNoReturn) continue;
    const origin = step.on ? `${step.service}'s forward reaction to ${step.on}` : `${step.service}'s initiation`;
    const key = `${origin} ${event}`;
    if (reported.has(key)) continue;
    reported.add(key);
    violations.push({
      rule: 'uncompensated-step',
      message: `${origin} emits ${event}, which no compensation undoes and no service compensates on: add a reaction with undoes: '${event}', or declare it a point of no return`,
    });
  }
  return violations;
}

/** A point of no return must name a forward step that nobody undoes, or the exemption hides nothing and is stale. */
export function findStaleExemptions(graph: SagaGraph, options: SagaMapOptions): Violation[] {
  const violations: Violation[] = [];
  for (const event of Object.keys(options.pointsOfNoReturn) as EventType[]) {
    if (!graph.forwardSteps.some((step) => step.emits === event)) {
      violations.push({ rule: 'stale-exemption', message: `point of no return ${event} is not emitted by any forward step` });
    } else if (undoersOf(graph, event).length > 0) {
      const undoers = undoersOf(graph, event).map(({ service }) => service).join(', ');
      violations.push({ rule: 'stale-exemption', message: `point of no return ${event} is undone by ${undoers}: it is not a point of no return` });
    }
  }
  return violations;
}
