import { troupeHeaders, type DeadLetter } from '@troupe/messaging';

/** What `list` shows of a dead letter, read from its headers whichever way it was dead-lettered. */
export interface LetterSummary {
  messageId: string;
  type: string;
  failedAt: string;
  error: string;
  /** The pipeline's reason (`x-troupe-reason`: invalid-data, retries-exhausted, …), else the broker's `x-death` one. */
  reason: string;
  originalQueue: string;
  originalRoutingKey: string;
}

interface DeathRecord {
  queue?: unknown;
  reason?: unknown;
  time?: unknown;
  'routing-keys'?: unknown;
}

/**
 * Our pipeline writes `x-troupe-*` reason headers; a letter the broker dead-lettered itself (quorum delivery limit)
 * has only `x-death`, so its queue, routing key, time and reason come from there.
 */
export function summarise(letter: DeadLetter): LetterSummary {
  const headers = letter.properties.headers;
  const death = firstDeath(headers['x-death']);
  const deathKeys = Array.isArray(death?.['routing-keys']) ? death['routing-keys'] : [];
  return {
    messageId: letter.properties.messageId ?? '',
    type: letter.properties.type ?? '',
    failedAt: text(headers[troupeHeaders.failedAt]) || isoTime(death?.time),
    error: text(headers[troupeHeaders.error]) || (death ? `broker: ${text(death.reason)}` : ''),
    reason: text(headers[troupeHeaders.reason]) || (death ? `broker: ${text(death.reason)}` : ''),
    originalQueue: text(headers[troupeHeaders.originalQueue]) || text(headers['x-first-death-queue']) || text(death?.queue),
    originalRoutingKey: text(headers[troupeHeaders.originalRoutingKey]) || text(deathKeys[0]),
  };
}

function firstDeath(value: unknown): DeathRecord | undefined {
  return Array.isArray(value) && typeof value[0] === 'object' && value[0] !== null ? (value[0] as DeathRecord) : undefined;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

// amqplib decodes an AMQP timestamp as seconds since the epoch; some clients hand over a Date.
function isoTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  if (typeof value === 'object' && value !== null && 'value' in value) return isoTime((value as { value: unknown }).value);
  return text(value);
}
