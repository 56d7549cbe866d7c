import { edgesOf, type ContractEdge, type EventType, type Reaction, type ServiceManifest } from '@troupe/contracts';

/** A reaction together with the service that declares it. */
export interface ReactionOf {
  service: string;
  reaction: Reaction;
}

/** An event emitted as a forward step: by an initiation (`on` undefined) or by a forward reaction. */
export interface ForwardStep {
  service: string;
  on?: EventType;
  emits: EventType;
}

/** The choreography as indexes over the manifests: who emits, who reacts, who undoes what. */
export interface SagaGraph {
  manifests: readonly ServiceManifest[];
  services: string[];
  edges: ContractEdge[];
  /** event → services that emit it (initiated or in reaction). */
  producers: Map<EventType, string[]>;
  /** event → every reaction to it, projections included. */
  reactions: Map<EventType, ReactionOf[]>;
  /** Events some producer declares terminal. */
  terminal: Set<EventType>;
  forwardSteps: ForwardStep[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildSagaGraph(manifests: readonly ServiceManifest[]): SagaGraph {
  const producers = new Map<EventType, string[]>();
  const reactions = new Map<EventType, ReactionOf[]>();
  const terminal = new Set<EventType>();
  const forwardSteps: ForwardStep[] = [];
  for (const manifest of manifests) {
    const { service } = manifest;
    for (const initiation of manifest.initiates) {
      push(producers, initiation.emits, service);
      forwardSteps.push({ service, emits: initiation.emits });
    }
    for (const reaction of manifest.reactions) {
      push(reactions, reaction.on, { service, reaction });
      for (const event of reaction.emits) {
        if (!producers.get(event)?.includes(service)) push(producers, event, service);
        if (reaction.kind === 'forward') forwardSteps.push({ service, on: reaction.on, emits: event });
      }
    }
    for (const event of manifest.terminal) terminal.add(event);
  }
  return { manifests, services: manifests.map((m) => m.service), edges: edgesOf(manifests), producers, reactions, terminal, forwardSteps };
}

/** Reactions to `event` that act on it (forward or compensation); projections only observe. */
export function actingReactions(graph: SagaGraph, event: EventType): ReactionOf[] {
  return (graph.reactions.get(event) ?? []).filter(({ reaction }) => reaction.kind !== 'projection');
}

/** True when some service compensates on receiving `event`: it is a failure signal, the step behind it did nothing to undo. */
export function triggersCompensation(graph: SagaGraph, event: EventType): boolean {
  return actingReactions(graph, event).some(({ reaction }) => reaction.kind === 'compensation');
}

/** True when some service takes a forward step on receiving `event`. */
export function triggersForward(graph: SagaGraph, event: EventType): boolean {
  return actingReactions(graph, event).some(({ reaction }) => reaction.kind === 'forward');
}

/** Compensation reactions that declare they undo `step`. */
export function undoersOf(graph: SagaGraph, step: EventType): ReactionOf[] {
  return [...graph.reactions.values()].flat().filter(({ reaction }) => reaction.kind === 'compensation' && reaction.undoes === step);
}
