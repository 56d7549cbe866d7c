import { decodeEvent } from '@troupe/order-catalogue';
import { archiveNames, topologyNames, type DeadLetter } from '@troupe/messaging';
import type { LetterSummary } from './letter-summary';

/** The consumers' own size limit (messaging's `maxMessageBytes` default): a bigger body would only bounce back. */
export const replayMaxBytes = 64 * 1024;

export type ReplayVerdict = { ok: true; queue: string; routingKey: string } | { ok: false; reason: string };

/**
 * Whether a dead letter may go back, and where. It must decode and validate against today's contracts (the fix
 * may have been a schema or a producer; an invalid one would just be dead-lettered again), and its recorded
 * original queue must be exactly this service's queue for the event's type — so a replay reaches the one service
 * that failed, never another service's queue, a retry queue or the DLQ itself, whatever the headers say.
 */
export function checkReplay(letter: DeadLetter, summary: LetterSummary, prefix: string, service: string): ReplayVerdict {
  const decoded = decodeEvent(letter.content, replayMaxBytes);
  if (!decoded.ok) return { ok: false, reason: `${decoded.reason}: ${decoded.errors.join('; ')}` };
  if (!summary.originalQueue) return { ok: false, reason: 'no original queue recorded (x-troupe-original-queue, x-death)' };
  if (summary.originalQueue === archiveNames(prefix).archiveStream) {
    // Replaying into the archive would hand the event to every reader of it again, not to this service alone.
    return { ok: false, reason: `parked by ${service} while reading the event archive, which has no queue to replay into: fix the cause, then rebuild ${service}'s read model from the archive` };
  }
  const expected = topologyNames(prefix, service).consumerQueue(decoded.event.type);
  if (summary.originalQueue !== expected) {
    return { ok: false, reason: `original queue ${summary.originalQueue} is not ${expected}, ${service}'s queue for ${decoded.event.type}` };
  }
  return { ok: true, queue: expected, routingKey: decoded.event.type };
}
