import { formatTable } from './format-table';
import type { LetterSummary } from './letter-summary';

/** One row of `troupe dlq list` without `--service`. `missing`: the broker has no such DLQ (the service never ran). */
export interface DlqOverviewRow {
  service: string;
  queue: string;
  missing: boolean;
  count: number;
  /** Earliest failure time among the letters; undefined when the DLQ is empty (or no letter recorded one). */
  oldest?: string;
  /** Most frequent reasons first, ties by name; at most `topReasons` of them. */
  reasons: { reason: string; count: number }[];
}

export const topReasons = 3;

export function overviewRow(service: string, queue: string, letters: readonly LetterSummary[]): DlqOverviewRow {
  const times = letters.map((letter) => letter.failedAt).filter((at) => at !== '' && !Number.isNaN(Date.parse(at)));
  const oldest = times.length === 0 ? undefined : times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  const counts = new Map<string, number>();
  for (const letter of letters) {
    const reason = letter.reason || '(none recorded)';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const reasons = [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, topReasons);
  return { service, queue, missing: false, count: letters.length, ...(oldest ? { oldest } : {}), reasons };
}

export function missingRow(service: string, queue: string): DlqOverviewRow {
  return { service, queue, missing: true, count: 0, reasons: [] };
}

/** The table first and a total last: an operator scans for a non-zero count, then reads the reasons. */
export function formatOverview(rows: readonly DlqOverviewRow[]): string {
  const table = formatTable(
    ['SERVICE', 'COUNT', 'OLDEST', 'TOP REASONS'],
    rows.map((row) => [
      row.service,
      row.missing ? '-' : String(row.count),
      row.oldest ?? '-',
      row.missing ? `no queue ${row.queue} (has the service run with this prefix?)` : row.reasons.map(({ reason, count }) => `${reason} (${count})`).join(', ') || '-',
    ]),
    80,
  );
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const withLetters = rows.filter((row) => row.count > 0).length;
  const next = withLetters > 0 ? '; `troupe dlq list --service <name>` shows the letters' : '';
  return `${table}\n\n${total} dead letter${total === 1 ? '' : 's'} in ${withLetters} of ${rows.length} DLQs${next}`;
}
