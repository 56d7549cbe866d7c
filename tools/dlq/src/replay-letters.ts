import type { DeadLetter, DlqSession } from '@troupe/messaging';
import { summarise } from './letter-summary';
import { checkReplay } from './replay-check';
import { replayProperties } from './replay-properties';

export interface ReplayOptions {
  prefix: string;
  service: string;
  dryRun: boolean;
  /** Resolves when the next publish may go (the rate limit). */
  pace(): Promise<void>;
  /** Called after each letter is decided, for the progress bar. */
  onLetter?(): void;
  now?(): Date;
}

export interface ReplayReport {
  /** Message ids put back on their original queue (or that would be, in a dry run). */
  replayed: string[];
  /** Letters left in the DLQ, and why. */
  kept: { messageId: string; reason: string }[];
}

/**
 * Replays each letter to the one queue it failed in (default exchange, confirmed, mandatory), then acks it off the
 * DLQ: a copy is queued before the letter goes, so a crash in between leaves a duplicate, which the consumer's inbox
 * absorbs (same message id) — never a loss. Invalid or misdirected letters stay, reported. A publish that is not
 * confirmed throws: the letter and every later one stay in the DLQ.
 */
export async function replayLetters(session: DlqSession, letters: readonly DeadLetter[], options: ReplayOptions): Promise<ReplayReport> {
  const report: ReplayReport = { replayed: [], kept: [] };
  const queueExists = new Map<string, boolean>();
  for (const letter of letters) {
    const summary = summarise(letter);
    const verdict = checkReplay(letter, summary, options.prefix, options.service);
    if (!verdict.ok) {
      report.kept.push({ messageId: summary.messageId, reason: verdict.reason });
    } else {
      if (!queueExists.has(verdict.queue)) queueExists.set(verdict.queue, await session.queueExists(verdict.queue));
      if (!queueExists.get(verdict.queue)) {
        report.kept.push({ messageId: summary.messageId, reason: `queue ${verdict.queue} does not exist (is ${options.service} deployed with this prefix?)` });
      } else if (options.dryRun) {
        report.replayed.push(summary.messageId);
      } else {
        await options.pace();
        await session.sendToQueue(verdict.queue, letter.content, replayProperties(letter.properties, verdict.routingKey, options.now?.() ?? new Date()));
        session.remove(letter);
        report.replayed.push(summary.messageId);
      }
    }
    options.onLetter?.();
  }
  return report;
}
