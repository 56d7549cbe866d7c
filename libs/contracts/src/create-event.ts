import { newId } from './new-id';
import type { EventEnvelope, EventOf } from './envelope';
import type { EventMap, EventType } from './event-registry';
import { schemaIdOf } from './json-schema';

export interface CreateEventOptions {
  /** The emitting service, e.g. `inventory-service` (CloudEvents `source`, AMQP `appId`). */
  source: string;
  /** Default: the payload's subject field (the saga id). */
  subject?: string;
  /** Default: `causedBy.correlationid`, else the subject: a saga is one correlation. */
  correlationId?: string;
  /** The event being reacted to: gives causation and keeps the correlation of its saga. */
  causedBy?: Pick<EventEnvelope, 'id' | 'correlationid'>;
  /** Default: a new time-ordered UUID (see newId). Pass a deterministic id to make a retried reaction emit the same event. */
  id?: string;
  /** Default: now. */
  time?: Date | string;
}

export type CreateEvent = <T extends EventType>(type: T, data: EventMap[T], options: CreateEventOptions) => EventOf<T>;

/**
 * Builds envelopes of one catalogue at each type's latest version; `subject` (and the default correlation) is the
 * payload's `subjectField`. Pure and cheap: it does not validate (the publisher does, so an invalid event is never
 * sent), but the payload type is checked at compile time. Throws on a type the catalogue does not hold.
 */
export function eventFactory(latestVersions: ReadonlyMap<string, number>, subjectField: string): CreateEvent {
  return function createEvent<T extends EventType>(type: T, data: EventMap[T], options: CreateEventOptions): EventOf<T> {
    const version = latestVersions.get(type);
    if (version === undefined) throw new Error(`createEvent: unknown event type '${type}'`);
    const subject = options.subject ?? (data as unknown as Record<string, unknown>)[subjectField];
    if (typeof subject !== 'string') throw new Error(`createEvent: ${type} needs a string '${subjectField}' (its subject)`);
    const time = options.time ?? new Date();
    const event: EventOf<T> = {
      specversion: '1.0',
      id: options.id ?? newId(),
      source: options.source,
      type,
      time: typeof time === 'string' ? time : time.toISOString(),
      subject,
      datacontenttype: 'application/json',
      dataschema: schemaIdOf(type, version),
      correlationid: options.correlationId ?? options.causedBy?.correlationid ?? subject,
      data,
    };
    if (options.causedBy) event.causationid = options.causedBy.id;
    return event;
  };
}
