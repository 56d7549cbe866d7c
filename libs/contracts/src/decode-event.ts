import { parseMessage, ParseFailureReason } from './parse-message';
import { validateEvent, ValidationFailureReason, ValidationResult } from './validate-event';
import type { AnyEvent } from './envelope';

export type DecodeFailureReason = ParseFailureReason | ValidationFailureReason;

export type DecodeResult = { ok: true; event: AnyEvent } | { ok: false; reason: DecodeFailureReason; errors: string[] };

/**
 * What a consumer does with a delivery body: `parseMessage` then `validateEvent`. The reason tells the DLQ entry
 * why; the errors say where. `validate` defaults to the shared production validator.
 */
export function decodeEvent(
  body: Buffer | Uint8Array,
  maxBytes: number,
  validate: (raw: unknown) => ValidationResult = validateEvent,
): DecodeResult {
  const parsed = parseMessage(body, maxBytes);
  if (!parsed.ok) return parsed;
  return validate(parsed.value);
}
