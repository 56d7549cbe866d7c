import { toAmqpProperties, type EventEnvelope } from '@troupe/contracts';
import type { ConsumeMessage, Options } from 'amqplib';

/** Header names this lib writes on dead letters and retries; the DLQ tool reads the same names. */
export const troupeHeaders = {
  error: 'x-troupe-error',
  reason: 'x-troupe-reason',
  service: 'x-troupe-service',
  failedAt: 'x-troupe-failed-at',
  originalRoutingKey: 'x-troupe-original-routing-key',
  originalQueue: 'x-troupe-original-queue',
  retryCount: 'x-troupe-retry-count',
} as const;

/** The contracts' envelope → AMQP property mapping, plus the trace context header when there is one. */
export function eventProperties(event: EventEnvelope, traceparent?: string): Options.Publish {
  return { ...toAmqpProperties(event), headers: traceparent ? { traceparent } : {} };
}

/**
 * Headers the broker stamped on the delivery: a previous trip through its dead-lettering, and a stream record's
 * offset. They describe where this copy was, not the message, so a re-published copy starts clean.
 */
const brokerStampedHeaders = new Set(['x-death', 'x-first-death-exchange', 'x-first-death-queue', 'x-first-death-reason', 'x-delivery-count', 'x-stream-offset']);

export function carriedHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (!brokerStampedHeaders.has(name)) kept[name] = value;
  return kept;
}

/** The event-describing properties survive a trip through retry or DLQ; broker- and user-bound ones do not. */
export function copiedProperties(message: ConsumeMessage): Options.Publish {
  const { contentType, messageId, type, appId, timestamp, correlationId } = message.properties;
  const copied: Options.Publish = {};
  if (contentType) copied.contentType = contentType;
  if (messageId) copied.messageId = messageId;
  if (type) copied.type = type;
  if (appId) copied.appId = appId;
  if (timestamp) copied.timestamp = timestamp;
  if (correlationId) copied.correlationId = correlationId;
  return copied;
}

/** Keeps reason headers far below the 64 KiB header table limit however long an error message is. */
export function truncate(text: string, maxLength = 2000): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

export interface DeadLetterCause {
  reason: string;
  detail: string;
  service: string;
  originalRoutingKey: string;
  /** Where it failed: the consumer queue, or the archive stream for a read side. */
  originalQueue: string;
}

/** A dead letter's headers: the delivery's own (broker death bookkeeping dropped) plus why, where and when it failed. */
export function deadLetterHeaders(headers: Record<string, unknown> | undefined, cause: DeadLetterCause): Record<string, unknown> {
  return {
    ...carriedHeaders(headers),
    [troupeHeaders.reason]: cause.reason,
    [troupeHeaders.error]: truncate(`${cause.reason}: ${cause.detail}`),
    [troupeHeaders.service]: cause.service,
    [troupeHeaders.failedAt]: new Date().toISOString(),
    [troupeHeaders.originalRoutingKey]: cause.originalRoutingKey,
    [troupeHeaders.originalQueue]: cause.originalQueue,
  };
}
