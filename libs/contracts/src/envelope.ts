import type { EventMap, EventType } from './event-registry';

/**
 * The message envelope: CloudEvents 1.0 attribute names plus saga correlation.
 * `subject` is the order id; `correlationid` names the saga; `causationid` the event that caused this one.
 */
export interface EventEnvelope<TData = unknown, TType extends string = string> {
  specversion: '1.0';
  id: string;
  source: string;
  type: TType;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  dataschema: string;
  correlationid: string;
  causationid?: string;
  data: TData;
}

/** The envelope of one catalogued event type, its payload typed. */
export type EventOf<T extends EventType> = EventEnvelope<EventMap[T], T>;

/** Any catalogued event; narrow it with `switch (event.type)`. */
export type AnyEvent = { [T in EventType]: EventOf<T> }[EventType];
