import { parseMessage, ParseFailureReason } from './parse-message';
import type { ValidationFailureReason, ValidationResult } from './validate-event';
import type { AnyEvent } from './envelope';

export type DecodeFailureReason = ParseFailureReason | ValidationFailureReason;

export type DecodeResult = { ok: true; event: AnyEvent } | { ok: false; reason: DecodeFailureReason; errors: string[] };

/**
 * What a consumer does with a delivery body: `parseMessage` then `validateEvent`. The reason tells the DLQ entry
 * why; the errors say where. `validate` is the catalogue's validator.
 */
export function decodeEvent(
  body: Buffer | Uint8Array,
  maxBytes: number,
  validate: (raw: unknown) => ValidationResult,
): DecodeResult {
  const parsed = parseMessage(body, maxBytes);
  if (!parsed.ok) return parsed;
  return validate(parsed.value);
}
