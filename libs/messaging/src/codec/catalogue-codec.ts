import type { EventCatalogue, EventEnvelope, EventMap, EventType } from '@troupe/contracts';
import type { EventCodec } from './codec';

/** The production codec of one catalogue: its parser, ajv validator and envelope builder. */
export function catalogueCodec(catalogue: EventCatalogue): EventCodec {
  return {
    decode: (body, maxBytes) => catalogue.decodeEvent(body, maxBytes),
    create: (type, data, options) =>
      catalogue.createEvent(type as EventType, data as EventMap[EventType], { source: options.source, causedBy: options.causedBy }),
    check: (event: EventEnvelope) => {
      const result = catalogue.validateEvent(event);
      return result.ok ? null : [`${result.reason}: ${result.errors.join('; ')}`];
    },
  };
}
