import type { EventType, ServiceManifest } from '@troupe/contracts';
import { sagaFlows, startsCompensation, undoableSteps } from './saga-flows';

/** One reading of the map for an order: the events it requires and the events it tolerates. */
export interface ExpectedPath {
  /** In map order: what a saga on this path emits. */
  required: EventType[];
  /** `required` plus steps that may or may not have happened (what a cancellation found done). */
  allowed: Set<EventType>;
}

/** The final-status event: `CONFIRMED` → `order.confirmed`; undefined while the saga runs (`PENDING`). */
export function outcomeEventOf(status: string): string | undefined {
  return status === 'PENDING' ? undefined : `order.${status.toLowerCase()}`;
}

/**
 * The map's paths that end in the order's status. A flow started by the saga's own initiation is a path as is. A flow
 * started by an initiation that triggers compensation (a cancellation request) runs inside a saga: it requires the
 * saga's start event too and tolerates any undoable step the relay may have found done.
 */
export function expectedPaths(manifests: readonly ServiceManifest[], status: string): ExpectedPath[] {
  const outcome = outcomeEventOf(status);
  const flows = sagaFlows(manifests);
  const starts = [...new Set(flows.map((flow) => flow[0]).filter((event) => !startsCompensation(manifests, event)))];
  const undoable = undoableSteps(manifests);
  const paths: ExpectedPath[] = [];
  for (const flow of flows) {
    if (outcome !== undefined && !flow.includes(outcome as EventType)) continue;
    if (starts.includes(flow[0])) {
      paths.push({ required: flow, allowed: new Set(flow) });
    } else {
      for (const start of starts) paths.push({ required: [start, ...flow], allowed: new Set([start, ...flow, ...undoable]) });
    }
  }
  return paths;
}
