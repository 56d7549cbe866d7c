import { formatTable } from './format-table';
import type { LetterSummary } from './letter-summary';

/** `list` output: the count first (what an operator looks for), then one row per dead letter in queue order. */
export function formatList(queue: string, letters: readonly LetterSummary[]): string {
  const count = `${queue}: ${letters.length} dead letter${letters.length === 1 ? '' : 's'}`;
  if (letters.length === 0) return count;
  const rows = letters.map((letter) => [letter.messageId || '(none)', letter.type || '(none)', letter.failedAt, letter.error, letter.originalQueue]);
  return `${count}\n\n${formatTable(['MESSAGE ID', 'TYPE', 'FAILED AT', 'ERROR', 'ORIGINAL QUEUE'], rows)}`;
}
