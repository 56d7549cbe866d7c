import { emittedBy, type ServiceManifest } from './manifest';

/**
 * Draft events: catalogued types that no manifest emits, reacts to or declares terminal (what
 * `npx nx g @troupe/plugin:event` writes). They have a schema, types and an AsyncAPI channel, but no edge: the saga
 * map has nothing to check for them, and the docs/architecture.md catalogue table lists an event only once a manifest
 * names it. The first manifest that produces or consumes a draft makes it a full event, held to every rule.
 */
export function draftEventTypes(types: Iterable<string>, manifests: readonly ServiceManifest[]): string[] {
  const named = new Set<string>();
  for (const manifest of manifests) {
    for (const event of emittedBy(manifest)) named.add(event);
    for (const reaction of manifest.reactions) named.add(reaction.on);
    for (const event of manifest.terminal) named.add(event);
  }
  return [...new Set(types)].filter((type) => !named.has(type)).sort();
}
