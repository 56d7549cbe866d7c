import { defineManifest, type EventType, type Reaction, type ServiceManifest } from '@troupe/contracts';

/** A manifest that only says what a test worker consumes, so its handler map is checked (typed and at start). */
export function consumerManifest<const T extends readonly EventType[]>(
  service: string,
  consumes: T,
): ServiceManifest & { reactions: readonly (Reaction & { on: T[number] })[] } {
  return defineManifest({
    service,
    description: `test worker ${service}`,
    initiates: [],
    reactions: consumes.map((on) => ({ on, kind: 'forward' as const, emits: [], why: 'test' })),
    terminal: [],
  });
}
