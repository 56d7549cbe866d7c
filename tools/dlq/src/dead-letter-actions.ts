// What `troupe dlq` does, as functions a program can call (the saga board does): each action opens the service's DLQ,
// takes the held snapshot, acts, and closes the session, which returns every letter it did not remove. Replay goes
// through the same replayLetters as the command: re-validated, to the failing service's own queue only, confirmed
// before the ack, paced — and safe to repeat, since the consumer's inbox drops a copy it already processed.
import { openDlqSession, topologyNames, type DeadLetter, type DlqSession } from '@troupe/messaging';
import { decodeEvent } from '@troupe/order-catalogue';
import { formatBody } from './format-letter';
import { summarise, type LetterSummary } from './letter-summary';
import { createPacer } from './rate-pacer';
import { checkReplay, replayMaxBytes } from './replay-check';
import { replayLetters, type ReplayReport } from './replay-letters';
import { selectLetters } from './select-letters';
import { takeSnapshot } from './take-snapshot';

export interface DeadLetterTarget {
  url: string;
  prefix: string;
  service: string;
}

export interface DeadLetterList {
  service: string;
  queue: string;
  /** The broker has no such DLQ: the service never ran against it (with this prefix). */
  missing: boolean;
  count: number;
  letters: LetterSummary[];
}

/** One letter in full, JSON-safe: every property and header, the body, what today's contracts say of it. */
export interface DeadLetterDetail {
  summary: LetterSummary;
  properties: Record<string, unknown>;
  headers: Record<string, unknown>;
  /** Pretty JSON when it parses, the raw text otherwise. */
  body: string;
  validation: { valid: true } | { valid: false; reason: string; errors: string[] };
  /** Whether a replay would put it back, and where, or why it would stay. */
  replay: { ok: true; queue: string } | { ok: false; reason: string };
}

export interface ReplayOutcome extends ReplayReport {
  /** Requested ids with no letter in the DLQ (already replayed or purged by someone else). */
  notFound: string[];
}

export interface PurgeOutcome {
  purged: string[];
  notFound: string[];
}

const isMissingQueue = (error: unknown): boolean => /\b404\b|NOT[-_]FOUND/.test((error as Error)?.message ?? '');

async function withSnapshot<T>(target: DeadLetterTarget, act: (session: DlqSession, letters: DeadLetter[]) => Promise<T>): Promise<T> {
  const session = await openDlqSession(target.url, topologyNames(target.prefix, target.service).deadLetterQueue);
  try {
    return await act(session, await takeSnapshot(session));
  } finally {
    await session.close();
  }
}

function selected(letters: readonly DeadLetter[], messageIds: readonly string[]): { letters: DeadLetter[]; notFound: string[] } {
  const chosen = messageIds.flatMap((messageId) => selectLetters(letters, { kind: 'id', messageId }));
  const notFound = messageIds.filter((messageId) => !letters.some((letter) => letter.properties.messageId === messageId));
  return { letters: [...new Set(chosen)], notFound };
}

export async function listDeadLetters(target: DeadLetterTarget): Promise<DeadLetterList> {
  const queue = topologyNames(target.prefix, target.service).deadLetterQueue;
  try {
    return await withSnapshot(target, async (_session, letters) => ({ service: target.service, queue, missing: false, count: letters.length, letters: letters.map(summarise) }));
  } catch (error) {
    if (isMissingQueue(error)) return { service: target.service, queue, missing: true, count: 0, letters: [] };
    throw error;
  }
}

/** Every copy with that message id (at-least-once dead-lettering can leave two); empty when there is none. */
export async function showDeadLetter(target: DeadLetterTarget, messageId: string): Promise<DeadLetterDetail[]> {
  return withSnapshot(target, async (_session, letters) =>
    selectLetters(letters, { kind: 'id', messageId }).map((letter) => {
      const summary = summarise(letter);
      const decoded = decodeEvent(letter.content, replayMaxBytes);
      const verdict = checkReplay(letter, summary, target.prefix, target.service);
      const { headers, ...properties } = letter.properties;
      return {
        summary,
        properties: plain(properties) as Record<string, unknown>,
        headers: plain(headers) as Record<string, unknown>,
        body: formatBody(letter.content),
        validation: decoded.ok ? { valid: true } : { valid: false, reason: decoded.reason, errors: decoded.errors },
        replay: verdict.ok ? { ok: true, queue: verdict.queue } : { ok: false, reason: verdict.reason },
      };
    }),
  );
}

/** Replays the letters with these ids, `ratePerSecond` at most; invalid or misdirected ones stay, reported in `kept`. */
export async function replayDeadLetters(target: DeadLetterTarget, messageIds: readonly string[], ratePerSecond: number): Promise<ReplayOutcome> {
  const pace = createPacer(ratePerSecond);
  return withSnapshot(target, async (session, letters) => {
    const chosen = selected(letters, messageIds);
    const report = await replayLetters(session, chosen.letters, { prefix: target.prefix, service: target.service, dryRun: false, pace });
    return { ...report, notFound: chosen.notFound };
  });
}

export async function purgeDeadLetters(target: DeadLetterTarget, messageIds: readonly string[]): Promise<PurgeOutcome> {
  return withSnapshot(target, async (session, letters) => {
    const chosen = selected(letters, messageIds);
    for (const letter of chosen.letters) session.remove(letter);
    return { purged: [...new Set(chosen.letters.map((letter) => letter.properties.messageId ?? ''))], notFound: chosen.notFound };
  });
}

/** AMQP header values as JSON can carry them: buffers as text, dates as ISO strings, big integers as numbers. */
export function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined).map(([key, inner]) => [key, plain(inner)]));
  return value;
}
