import { createEvent, decodeEvent, validateEvent, type EventEnvelope, type EventType, type EventMap } from '@troupe/contracts';
import type { EventCodec } from './codec';

/** The production codec: the shared catalogue's parser, ajv validator and envelope builder. */
export const contractsCodec: EventCodec = {
  decode: (body, maxBytes) => decodeEvent(body, maxBytes),
  create: (type, data, options) =>
    createEvent(type as EventType, data as EventMap[EventType], { source: options.source, causedBy: options.causedBy }),
  check: (event: EventEnvelope) => {
    const result = validateEvent(event);
    return result.ok ? null : [`${result.reason}: ${result.errors.join('; ')}`];
  },
};
