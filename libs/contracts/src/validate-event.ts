import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { EventSchema } from './catalogue';
import type { AnyEvent, EventEnvelope } from './envelope';
import envelopeSchema from './envelope.schema.json';
import { formatErrors } from './format-errors';
import { JsonSchema, parseSchemaId } from './json-schema';

export type ValidationFailureReason = 'invalid-envelope' | 'unknown-type' | 'invalid-data';

export type ValidationResult =
  | { ok: true; event: AnyEvent }
  | { ok: false; reason: ValidationFailureReason; errors: string[] };

export interface EventValidatorOptions {
  /** Report every error instead of stopping at the first. Default `false`: cheaper, and what production uses. */
  allErrors?: boolean;
  /** Schemas to compile: every version of every type the validator accepts. */
  catalogue: readonly EventSchema[];
  /** The payload field the envelope's `subject` must equal (the saga id). */
  subjectField: string;
}

export interface EventValidator {
  /** Checks the envelope, then the payload against the schema its `dataschema` names. Never throws. */
  validateEvent(raw: unknown): ValidationResult;
  /** Checks a bare payload against one schema; `null` when valid, else the errors (paths under `/data`). */
  validatePayload(schemaId: string, data: unknown): string[] | null;
  /** Every schema `$id` this validator knows. */
  readonly schemaIds: readonly string[];
}

/** Compiles the envelope and every payload schema now, once; validation afterwards only runs compiled code. */
export function createEventValidator(options: EventValidatorOptions): EventValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: options.allErrors ?? false });
  addFormats(ajv);
  const checkEnvelope = ajv.compile<EventEnvelope>(envelopeSchema as JsonSchema);
  const { subjectField } = options;
  const payloadValidators = new Map<string, ValidateFunction>();
  const knownTypes = new Set<string>();
  for (const entry of options.catalogue) {
    payloadValidators.set(entry.id, ajv.compile(entry.schema));
    knownTypes.add(entry.type);
  }

  function validatePayload(schemaId: string, data: unknown): string[] | null {
    const check = payloadValidators.get(schemaId);
    if (!check) return [`/dataschema: no schema ${schemaId}`];
    return check(data) ? null : formatErrors(check.errors, '/data');
  }

  function validateEvent(raw: unknown): ValidationResult {
    if (!checkEnvelope(raw)) return { ok: false, reason: 'invalid-envelope', errors: formatErrors(checkEnvelope.errors) };
    const envelope = raw as AnyEvent; // the envelope schema just checked the shape; `data` is checked next
    if (!knownTypes.has(envelope.type)) {
      return { ok: false, reason: 'unknown-type', errors: [`/type: unknown event type '${envelope.type}'`] };
    }
    const named = parseSchemaId(envelope.dataschema);
    if (!named || named.type !== envelope.type) {
      return { ok: false, reason: 'invalid-envelope', errors: [`/dataschema: '${envelope.dataschema}' is not a schema of '${envelope.type}'`] };
    }
    if (!payloadValidators.has(envelope.dataschema)) {
      return { ok: false, reason: 'unknown-type', errors: [`/dataschema: unknown version ${named.version} of '${envelope.type}'`] };
    }
    const errors = validatePayload(envelope.dataschema, envelope.data);
    if (errors) return { ok: false, reason: 'invalid-data', errors };
    // The subject routes per-order state; a mismatch would apply the event to the wrong saga.
    if (envelope.subject !== (envelope.data as unknown as Record<string, unknown>)[subjectField]) {
      return { ok: false, reason: 'invalid-envelope', errors: [`/subject: must equal /data/${subjectField}`] };
    }
    return { ok: true, event: envelope };
  }

  return { validateEvent, validatePayload, schemaIds: [...payloadValidators.keys()] };
}
