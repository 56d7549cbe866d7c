import { latestSchemas, loadCatalogue, type EventSchema } from './catalogue';
import { eventFactory, type CreateEvent, type CreateEventOptions } from './create-event';
import { decodeEvent, type DecodeResult } from './decode-event';
import type { EventOf } from './envelope';
import type { EventMap, EventType } from './event-registry';
import { createEventValidator, type EventValidator, type ValidationResult } from './validate-event';

export interface CatalogueDefinition {
  /** Short name, e.g. `order`: names the catalogue in tools and docs. */
  name: string;
  /** Title of the generated AsyncAPI document. */
  title: string;
  /** One paragraph on what the events describe, for the AsyncAPI document. */
  description: string;
  /**
   * Where the schemas are read from at run time: `<dir>/<type>/v<N>.schema.json`. Give it relative to the defining
   * module (`path.join(__dirname, 'schemas')`): `npm run build` copies the files next to each bundle, so the same
   * expression finds them in the source tree and in `dist/`.
   */
  schemasDirectory: string;
  /**
   * The payload field every event of the catalogue carries that names its saga: the envelope's `subject` and default
   * `correlationid`, and the key of per-saga state in the services (e.g. an order id field).
   */
  subjectField: string;
}

/**
 * One event catalogue: its schemas (read from disk once), an ajv validator compiled once on first use, and the
 * envelope builder, decoder and schema examples bound to it. Services, messaging and tools take a catalogue as a
 * value, so no library here holds one of its own.
 */
export interface EventCatalogue extends Readonly<CatalogueDefinition> {
  /** Every version of every type. */
  readonly schemas: readonly EventSchema[];
  /** Every type (= routing key), sorted. */
  readonly types: readonly string[];
  /** The highest version of each type: what `createEvent` emits. */
  latest(): ReadonlyMap<string, EventSchema>;
  /** The production validator: first-error mode, compiled once. */
  validator(): EventValidator;
  /** A validator that lists every error, for tools and tests. */
  createValidator(options?: { allErrors?: boolean }): EventValidator;
  createEvent: CreateEvent;
  validateEvent(raw: unknown): ValidationResult;
  /** Parse and validate a delivery body; never throws. */
  decodeEvent(body: Buffer | Uint8Array, maxBytes: number): DecodeResult;
  /** The latest schema's `examples` of a type (copies). */
  examplesOf<T extends EventType>(type: T): EventMap[T][];
  /** Each example of a type as a full envelope. */
  exampleEvents<T extends EventType>(type: T, options: CreateEventOptions): EventOf<T>[];
  /** The type's first example with `data` laid over it: a valid event for tests. */
  sampleEvent<T extends EventType>(type: T, data?: Partial<EventMap[T]>, options?: Partial<CreateEventOptions>): EventOf<T>;
}

export function defineCatalogue(definition: CatalogueDefinition): EventCatalogue {
  const schemas = Object.freeze(loadCatalogue(definition.schemasDirectory));
  const latest = latestSchemas(schemas);
  const createEvent = eventFactory(new Map([...latest].map(([type, entry]) => [type, entry.version])), definition.subjectField);
  const createValidator = (options: { allErrors?: boolean } = {}) =>
    createEventValidator({ catalogue: schemas, subjectField: definition.subjectField, allErrors: options.allErrors ?? false });
  let shared: EventValidator | undefined;
  const validator = () => (shared ??= createValidator());
  // One function for both entry points, so decoding a delivery allocates no closure.
  const validateEvent = (raw: unknown) => validator().validateEvent(raw);

  function examplesOf<T extends EventType>(type: T): EventMap[T][] {
    const entry = latest.get(type);
    if (!entry) throw new Error(`catalogue ${definition.name}: no schema for '${type}'`);
    return structuredClone(entry.schema.examples ?? []) as EventMap[T][];
  }

  return Object.freeze({
    ...definition,
    schemas,
    types: Object.freeze([...latest.keys()].sort()),
    latest: () => latest,
    validator,
    createValidator,
    createEvent,
    validateEvent,
    decodeEvent: (body: Buffer | Uint8Array, maxBytes: number) => decodeEvent(body, maxBytes, validateEvent),
    examplesOf,
    exampleEvents: <T extends EventType>(type: T, options: CreateEventOptions) => examplesOf(type).map((data) => createEvent(type, data, options)),
    sampleEvent: <T extends EventType>(type: T, data: Partial<EventMap[T]> = {}, options: Partial<CreateEventOptions> = {}) => {
      const [example] = examplesOf(type);
      if (!example) throw new Error(`catalogue ${definition.name}: ${type} has no example`);
      return createEvent(type, { ...example, ...data }, { source: 'contracts-sample', ...options });
    },
  });
}
