import { newId } from './new-id';
import type { EventEnvelope, EventOf } from './envelope';
import { EventMap, EventType, latestVersions } from './generated/event-map.generated';
import { schemaIdOf } from './json-schema';

export interface CreateEventOptions {
  /** The emitting service, e.g. `inventory-service` (CloudEvents `source`, AMQP `appId`). */
  source: string;
  /** Default: `data.orderId`. */
  subject?: string;
  /** Default: `causedBy.correlationid`, else `data.orderId` (the saga is the order). */
  correlationId?: string;
  /** The event being reacted to: gives causation and keeps the correlation of its saga. */
  causedBy?: Pick<EventEnvelope, 'id' | 'correlationid'>;
  /** Default: a new time-ordered UUID (see newId). Pass a deterministic id to make a retried reaction emit the same event. */
  id?: string;
  /** Default: now. */
  time?: Date | string;
}

/**
 * Builds the envelope of a catalogued event at its latest version. Pure and cheap: it does not validate
 * (the publisher does, so an invalid event is never sent), but the payload type is checked at compile time.
 */
export function createEvent<T extends EventType>(type: T, data: EventMap[T], options: CreateEventOptions): EventOf<T> {
  const version = latestVersions[type];
  if (version === undefined) throw new Error(`createEvent: unknown event type '${type}'`);
  const orderId = data.orderId;
  const time = options.time ?? new Date();
  const event: EventOf<T> = {
    specversion: '1.0',
    id: options.id ?? newId(),
    source: options.source,
    type,
    time: typeof time === 'string' ? time : time.toISOString(),
    subject: options.subject ?? orderId,
    datacontenttype: 'application/json',
    dataschema: schemaIdOf(type, version),
    correlationid: options.correlationId ?? options.causedBy?.correlationid ?? orderId,
    data,
  };
  if (options.causedBy) event.causationid = options.causedBy.id;
  return event;
}
