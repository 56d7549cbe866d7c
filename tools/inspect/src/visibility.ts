import type { ServiceManifest } from '@troupe/contracts';

/**
 * Which events the sources used could have seen. Traces see every hop; order-view records only the events it
 * consumes, so a step it never hears of is "unobserved", not "missing". Anything actually observed is visible.
 */
export function visibleEvents(manifests: readonly ServiceManifest[], withTraces: boolean, observed: Iterable<string>): (event: string) => boolean {
  if (withTraces) return () => true;
  const seen = new Set<string>(observed);
  for (const reaction of manifests.find((m) => m.service === 'order-view')?.reactions ?? []) seen.add(reaction.on);
  return (event) => seen.has(event);
}
