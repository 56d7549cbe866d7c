import type { AppMemory } from './memory';
import type { LatencySummary } from './percentiles';
import type { PhaseResult, PhaseShape } from './phase';

/** A phase's figures as reported: its result without the raw timings, plus what the tap measured. */
export interface PhaseFigures extends Omit<PhaseResult, 'started' | 'timings'> {
  toNotified?: LatencySummary;
  hops?: Record<string, LatencySummary>;
}

export interface Ratios {
  throughput: number;
  p50: number;
  p99: number;
}

export interface BenchReport {
  conditions: { date: string; node: string; cpus: number; loadBefore: number[]; loadAfter: number[]; mix: string; system: string; raw: string };
  troupe: { saturated?: PhaseFigures; rate?: PhaseFigures; memory: AppMemory[] };
  raw?: { saturated?: PhaseFigures; rate?: PhaseFigures };
}

/** Ours over raw: throughput below 1 means slower, latency above 1 means slower. */
export function ratios(ours: PhaseFigures, raw: PhaseFigures): Ratios {
  return { throughput: ours.perSecond / raw.perSecond, p50: ours.latency.p50 / raw.latency.p50, p99: ours.latency.p99 / raw.latency.p99 };
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(0));
const times = (value: number) => (Number.isFinite(value) ? `×${value < 10 ? value.toFixed(2) : value.toFixed(0)}` : '–');
const shapeLabel = (shape: PhaseShape) =>
  shape.kind === 'saturated' ? `saturated ${shape.count} @ ${shape.concurrency}` : `rate ${shape.rate}/s × ${shape.duration} s`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
}

function phaseRows(label: string, figures: PhaseFigures): string[] {
  const { latency } = figures;
  const outcomes = Object.entries(figures.outcomes).map(([outcome, count]) => `${outcome} ${count}`).join(', ');
  return [label, figures.perSecond.toFixed(1), `${figures.completed}/${figures.failed}`, ms(latency.p50), ms(latency.p95), ms(latency.p99), ms(latency.max), outcomes];
}

export function formatReport(report: BenchReport): string {
  const { conditions } = report;
  const lines = [
    `Troupe system benchmark — ${conditions.date}, Node ${conditions.node}, ${conditions.cpus} CPUs, load avg ${conditions.loadBefore.map((load) => load.toFixed(1)).join('/')} → ${conditions.loadAfter.map((load) => load.toFixed(1)).join('/')}`,
    `troupe: ${conditions.system}; orders: ${conditions.mix}`,
    `raw:    ${conditions.raw}`,
    'latency: troupe = POST sent (or scheduled, at a rate) → terminal order event at a passive tap; raw = publish (or scheduled) → end of chain at its sink',
    '',
  ];
  const rows = [['phase / who', 'sagas/s', 'done/failed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'outcomes']];
  for (const phase of ['saturated', 'rate'] as const) {
    const ours = report.troupe[phase];
    if (!ours) continue;
    rows.push(phaseRows(`${shapeLabel(ours.shape)}: troupe`, ours));
    const raw = report.raw?.[phase];
    if (raw) {
      rows.push(phaseRows(`${shapeLabel(raw.shape)}: raw`, raw));
      const ratio = ratios(ours, raw);
      rows.push(['  troupe / raw', ratio.throughput.toFixed(3), '', times(ratio.p50), '', times(ratio.p99), '', '']);
    }
  }
  lines.push(...table(rows));
  for (const phase of ['saturated', 'rate'] as const) {
    const ours = report.troupe[phase];
    if (!ours?.hops) continue;
    lines.push('', `per hop, ${shapeLabel(ours.shape)} (arrival at the tap minus the previous event's; ms)`);
    const hopRows = [['hop', 'n', 'p50', 'p95', 'p99']];
    for (const [hop, summary] of Object.entries(ours.hops)) hopRows.push([hop, String(summary.count), ms(summary.p50), ms(summary.p95), ms(summary.p99)]);
    if (ours.toNotified) hopRows.push(['start → customer.notified', String(ours.toNotified.count), ms(ours.toNotified.p50), ms(ours.toNotified.p95), ms(ours.toNotified.p99)]);
    lines.push(...table(hopRows));
  }
  if (report.troupe.memory.length > 0) {
    lines.push('', 'worker memory at the end (process_resident_memory_bytes)');
    lines.push(...table(report.troupe.memory.map((entry) => [entry.app, entry.rssBytes === undefined ? '–' : `${(entry.rssBytes / 2 ** 20).toFixed(0)} MiB`])));
  }
  const errors = [report.troupe.saturated, report.troupe.rate, report.raw?.saturated, report.raw?.rate].flatMap((figures) => (figures?.firstError ? [figures.firstError] : []));
  if (errors.length > 0) lines.push('', `first failure: ${errors[0]}`);
  return lines.join('\n');
}
