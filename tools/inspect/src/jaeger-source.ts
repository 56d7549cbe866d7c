import type { Hop } from './hop';
import { SourceError } from './source-error';

/** The fields of Jaeger's query API (`GET /api/traces`) that inspect reads. */
interface JaegerTag {
  key: string;
  value: unknown;
}
interface JaegerSpan {
  operationName: string;
  /** Microseconds since the epoch. */
  startTime: number;
  processID: string;
  tags?: JaegerTag[];
}
export interface JaegerAnswer {
  data?: { spans?: JaegerSpan[]; processes?: Record<string, { serviceName: string }> }[];
}

const emitting = new Set(['publish', 'send', 'create']);
const processing = new Set(['process', 'receive', 'deliver']);

export async function fetchJaeger(jaegerUrl: string, orderId: string): Promise<JaegerAnswer> {
  const url = new URL('api/traces', jaegerUrl.endsWith('/') ? jaegerUrl : `${jaegerUrl}/`);
  url.searchParams.set('service', 'order-service');
  url.searchParams.set('tags', JSON.stringify({ 'order.id': orderId }));
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new SourceError(`Jaeger at ${jaegerUrl} did not answer (${(error as Error).message}); unset JAEGER_URL to use order-view alone`);
  }
  if (!response.ok) throw new SourceError(`Jaeger answered ${response.status} for ${url}`);
  return (await response.json()) as JaegerAnswer;
}

/**
 * Messaging spans of the order's traces as hops: `messaging.operation` publish/process (or their newer spellings),
 * the event from `messaging.rabbitmq.destination.routing_key` (the event type everywhere in Troupe), only spans whose
 * `order.id` is this order (a trace may carry more than one saga's spans once batching links them).
 */
export function hopsFromJaeger(answer: JaegerAnswer, orderId: string): Hop[] {
  const hops: Hop[] = [];
  for (const trace of answer.data ?? []) {
    for (const span of trace.spans ?? []) {
      const tag = (key: string) => span.tags?.find((candidate) => candidate.key === key)?.value;
      const operation = String(tag('messaging.operation') ?? tag('messaging.operation.type') ?? '');
      const event = tag('messaging.rabbitmq.destination.routing_key');
      if (tag('order.id') !== orderId || typeof event !== 'string') continue;
      if (!emitting.has(operation) && !processing.has(operation)) continue;
      const failed = tag('error') === true || tag('otel.status_code') === 'ERROR';
      hops.push({
        service: trace.processes?.[span.processID]?.serviceName ?? 'unknown',
        event,
        at: span.startTime / 1000,
        action: emitting.has(operation) ? 'emitted' : 'processed',
        source: 'jaeger',
        ...(failed ? { error: String(tag('otel.status_description') ?? 'span recorded an error') } : {}),
      });
    }
  }
  return hops;
}
