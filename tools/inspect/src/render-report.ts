import type { Comparison } from './compare-timeline';

export interface ReportHeader {
  orderId: string;
  status: string;
  reason?: string;
  sources: string[];
}

function sincePrevious(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms < 1000 ? `+${Math.round(ms)}ms` : `+${(ms / 1000).toFixed(3)}s`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}

/** The human report: header, the map path, one line per hop, then what is missing and the verdict. */
export function renderReport(header: ReportHeader, comparison: Comparison): string {
  const lines = [
    `order ${header.orderId}: ${header.status}${header.reason ? ` (${header.reason})` : ''}  [sources: ${header.sources.join(', ')}]`,
    `map path: ${comparison.path.join(' → ') || '(none)'}`,
    '',
  ];
  const rows = [['#', 'time', 'since prev', 'service', 'step', 'outcome']];
  comparison.rows.forEach((row, index) => {
    const previous = comparison.rows[index - 1]?.hop.at;
    const outcome = row.outcome === 'ok' ? 'ok' : `${row.outcome.toUpperCase()}${row.note ? `: ${row.note}` : ''}`;
    rows.push([String(index + 1), new Date(row.hop.at).toISOString(), sincePrevious(previous === undefined ? undefined : row.hop.at - previous), row.hop.service, `${row.hop.action} ${row.hop.event}`, outcome]);
  });
  lines.push(...table(rows));
  for (const step of comparison.missing) lines.push(`MISSING: ${step.event} (emitted by ${step.producers.join(', ')}) is required by the map path and was not observed`);
  if (comparison.unobserved.length > 0) {
    lines.push(`not observable without traces (set JAEGER_URL): ${comparison.unobserved.map((step) => step.event).join(', ')}`);
  }
  const departures = comparison.missing.length + comparison.unexpected;
  lines.push('', departures === 0 ? 'verdict: follows the map' : `verdict: departs from the map: ${comparison.missing.length} missing, ${comparison.unexpected} unexpected`);
  return lines.join('\n');
}
