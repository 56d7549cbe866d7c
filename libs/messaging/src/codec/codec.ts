import type { EventEnvelope } from '@troupe/contracts';

export type DecodedEvent = { ok: true; event: EventEnvelope } | { ok: false; reason: string; errors: string[] };

/**
 * How messaging turns bytes into trusted events and builds outgoing ones. Injected so the pipeline
 * does not care which catalogue it serves; `catalogueCodec(catalogue)` is the production adapter.
 */
export interface EventCodec {
  /** Parses (refusing bodies over `maxBytes`) and validates one delivery body. Never throws. */
  decode(body: Buffer, maxBytes: number): DecodedEvent;
  /** Builds the envelope of an event caused by `causedBy` (or starting a saga when absent). */
  create(type: string, data: unknown, options: { source: string; causedBy?: EventEnvelope }): EventEnvelope;
  /** Validation errors of an outgoing event, or null when it may be sent. */
  check(event: EventEnvelope): string[] | null;
}
