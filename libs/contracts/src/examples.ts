import { latestSchemas } from './catalogue';
import { createEvent, CreateEventOptions } from './create-event';
import type { EventOf } from './envelope';
import type { EventMap, EventType } from './generated/event-map.generated';

/** The `examples` of the latest schema of `type`: realistic, valid payloads for tests and documentation. */
export function examplesOf<T extends EventType>(type: T): EventMap[T][] {
  const entry = latestSchemas().get(type);
  if (!entry) throw new Error(`no schema for '${type}'`);
  return structuredClone(entry.schema.examples ?? []) as EventMap[T][];
}

/** The schema examples of `type` wrapped in envelopes, as `source` would emit them. */
export function exampleEvents<T extends EventType>(type: T, options: CreateEventOptions): EventOf<T>[] {
  return examplesOf(type).map((data) => createEvent(type, data, options));
}

/** One valid event of `type` (its first example), with the payload fields in `data` overriding the example's. */
export function sampleEvent<T extends EventType>(type: T, data: Partial<EventMap[T]> = {}, options: Partial<CreateEventOptions> = {}): EventOf<T> {
  const [example] = examplesOf(type);
  return createEvent(type, { ...example, ...data }, { source: 'contracts-sample', ...options });
}
