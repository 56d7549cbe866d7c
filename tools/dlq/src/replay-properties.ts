import { troupeHeaders, type DeadLetterProperties } from '@troupe/messaging';

/** Marks a replayed copy, so logs and `show` tell it from the first delivery. */
export const replayedAtHeader = 'x-troupe-replayed-at';

// The previous failure's bookkeeping: the broker's death records and our reason headers. The retry count goes too,
// so the replayed copy gets the full retry schedule again.
const dropped = new Set<string>([
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
  'x-delivery-count',
  troupeHeaders.error,
  troupeHeaders.reason,
  troupeHeaders.service,
  troupeHeaders.failedAt,
  troupeHeaders.originalQueue,
  troupeHeaders.retryCount,
]);

/**
 * Properties of the copy put back on the original queue: the event's own (message id — what the consumer's inbox
 * dedupes on — type, source, correlation, traceparent) kept, failure headers dropped.
 */
export function replayProperties(properties: DeadLetterProperties, routingKey: string, now: Date): DeadLetterProperties {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties.headers)) if (!dropped.has(name)) headers[name] = value;
  // Published through the default exchange the routing key is the queue name; the pipeline records this header
  // as the event's routing key should the copy fail again (a broker dead letter may not carry it yet).
  headers[troupeHeaders.originalRoutingKey] = routingKey;
  headers[replayedAtHeader] = now.toISOString();
  const kept: DeadLetterProperties = { headers };
  for (const key of ['messageId', 'type', 'appId', 'timestamp', 'contentType', 'correlationId'] as const) {
    const value = properties[key];
    if (value !== undefined) (kept as unknown as Record<string, unknown>)[key] = value;
  }
  return kept;
}
