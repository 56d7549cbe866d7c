import type { EventType } from './event-registry';
import { emittedBy, ReactionKind, ServiceManifest } from './manifest';

/** One producer → event → consumer link of the choreography. */
export interface ContractEdge {
  producer: string;
  event: EventType;
  consumer: string;
  /** How the consumer reacts. */
  kind: ReactionKind;
}

/** Every producer → event → consumer edge across the manifests, sorted for stable output. */
export function edgesOf(manifests: readonly ServiceManifest[]): ContractEdge[] {
  const edges: ContractEdge[] = [];
  for (const producer of manifests) {
    for (const event of emittedBy(producer)) {
      for (const consumer of manifests) {
        const reaction = consumer.reactions.find((candidate) => candidate.on === event);
        if (reaction) edges.push({ producer: producer.service, event, consumer: consumer.service, kind: reaction.kind });
      }
    }
  }
  const key = (edge: ContractEdge) => `${edge.event} ${edge.producer} ${edge.consumer}`;
  return edges.sort((a, b) => key(a).localeCompare(key(b)));
}
