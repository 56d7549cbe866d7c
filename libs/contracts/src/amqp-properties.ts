import type { EventEnvelope } from './envelope';

/** The AMQP basic properties that mirror the envelope, so brokers, tools and UIs can route and show events unopened. */
export interface EventAmqpProperties {
  messageId: string;
  type: string;
  appId: string;
  /** Seconds since the epoch: AMQP timestamps have one-second resolution; the envelope `time` keeps the precision. */
  timestamp: number;
  contentType: 'application/json';
  correlationId: string;
}

export function toAmqpProperties(event: EventEnvelope): EventAmqpProperties {
  return {
    messageId: event.id,
    type: event.type,
    appId: event.source,
    timestamp: Math.floor(Date.parse(event.time) / 1000),
    contentType: 'application/json',
    correlationId: event.correlationid,
  };
}

/**
 * Where a delivery's properties contradict its body (e.g. a relay rewrote one but not the other). Absent properties
 * are not contradictions: other producers may not set them. Returns one line per mismatch, empty when consistent.
 */
export function amqpPropertyMismatches(properties: Partial<Record<keyof EventAmqpProperties, unknown>>, event: EventEnvelope): string[] {
  const expected = toAmqpProperties(event);
  const mismatches: string[] = [];
  for (const key of ['messageId', 'type', 'appId', 'correlationId'] as const) {
    const actual = properties[key];
    if (actual !== undefined && actual !== null && actual !== expected[key]) {
      mismatches.push(`AMQP ${key} '${String(actual)}' differs from the envelope's '${expected[key]}'`);
    }
  }
  return mismatches;
}
