import type { JsonSchema } from './json-schema';
import schema from './envelope.schema.json';

/** The CloudEvents envelope every event travels in (closed; `data` checked against the payload schema after it). */
export const envelopeSchema: JsonSchema = schema;
