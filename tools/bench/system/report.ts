import type { CpuFigures } from './cpu';
import type { AppMemory } from './memory';
import type { LatencySummary } from './percentiles';
import type { PhaseResult, PhaseShape } from './phase';
import type { ProcessStages } from './stage-latency';

/** A phase's figures as reported: its result without the raw timings, plus what the tap measured. */
export interface PhaseFigures extends Omit<PhaseResult, 'started' | 'timings'> {
  toNotified?: LatencySummary;
  hops?: Record<string, LatencySummary>;
  /** Per hop, the part after the event's producer created it: commit, flush, publish, routing to the tap. */
  hopsSinceCreated?: Record<string, LatencySummary>;
  /** Per process over the phase, from its own histograms: receipt → commit (Troupe workers) and publish → confirm. */
  stages?: ProcessStages[];
}

export interface Ratios {
  throughput: number;
  p50: number;
  p99: number;
}

/** The final line's five figures, from the saturated phase; null where a phase did not run. */
export interface BenchSummary {
  troupeSagasPerSecond: number | null;
  rawSagasPerSecond: number | null;
  /** troupe / raw sagas/s. */
  ratio: number | null;
  /** troupe end-to-end, ms. */
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface BenchReport {
  conditions: { date: string; node: string; cpus: number; loadBefore: number[]; loadAfter: number[]; mix: string; system: string; raw: string; tap: string };
  /** `cpu`: every process's CPU time during the saturated phase. */
  troupe: { saturated?: PhaseFigures; rate?: PhaseFigures; memory: AppMemory[]; cpu?: CpuFigures };
  raw?: { saturated?: PhaseFigures; rate?: PhaseFigures; cpu?: CpuFigures };
  summary: BenchSummary;
}

export function summaryOf(troupe: BenchReport['troupe'], raw: BenchReport['raw']): BenchSummary {
  const ours = troupe.saturated;
  const theirs = raw?.saturated;
  const finite = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? null : value);
  return {
    troupeSagasPerSecond: finite(ours?.perSecond),
    rawSagasPerSecond: finite(theirs?.perSecond),
    ratio: ours && theirs && theirs.perSecond > 0 ? ours.perSecond / theirs.perSecond : null,
    p50Ms: finite(ours?.latency.p50),
    p99Ms: finite(ours?.latency.p99),
  };
}

/** `bench: troupe S sagas/s, raw-graph R sagas/s, ratio X, p50 P ms, p99 Q ms`, '-' for what did not run. */
export function finalLine(summary: BenchSummary): string {
  const or = (value: number | null, format: (value: number) => string) => (value === null ? '-' : format(value));
  const rate = (value: number) => value.toFixed(1);
  const whole = (value: number) => String(Math.round(value));
  return (
    `bench: troupe ${or(summary.troupeSagasPerSecond, rate)} sagas/s, raw-graph ${or(summary.rawSagasPerSecond, rate)} sagas/s, ` +
    `ratio ${or(summary.ratio, (value) => value.toFixed(2))}, p50 ${or(summary.p50Ms, whole)} ms, p99 ${or(summary.p99Ms, whole)} ms`
  );
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
    `tap:    ${conditions.tap}`,
    'latency: troupe = POST sent (or scheduled, at a rate) → terminal order event at the tap; raw = order.created published (or scheduled) → order.confirmed at the tap',
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
  const posts = (['saturated', 'rate'] as const).flatMap((phase) => {
    const post = report.troupe[phase]?.post;
    return post ? [[shapeLabel(report.troupe[phase]!.shape), String(post.count), ms(post.p50), ms(post.p95), ms(post.p99), ms(post.max)]] : [];
  });
  if (posts.length > 0) {
    lines.push('', 'troupe POST /orders response (request sent → response received; ms)');
    lines.push(...table([['phase', 'n', 'p50', 'p95', 'p99', 'max'], ...posts]));
  }
  for (const [who, side] of [['troupe', report.troupe], ['raw', report.raw]] as const) {
    for (const phase of ['saturated', 'rate'] as const) {
      const figures = side?.[phase];
      if (!figures?.hops) continue;
      lines.push(
        '',
        `per hop, ${who}, ${shapeLabel(figures.shape)} (arrival at the tap minus the previous event's; "after created": the part after its producer created the event; ms)`,
      );
      const hopRows = [['hop', 'n', 'p50', 'p95', 'p99', 'after created p50', 'p99']];
      for (const [hop, summary] of Object.entries(figures.hops)) {
        const after = figures.hopsSinceCreated?.[hop];
        hopRows.push([hop, String(summary.count), ms(summary.p50), ms(summary.p95), ms(summary.p99), after ? ms(after.p50) : '-', after ? ms(after.p99) : '-']);
      }
      if (figures.toNotified) hopRows.push(['start → customer.notified', String(figures.toNotified.count), ms(figures.toNotified.p50), ms(figures.toNotified.p95), ms(figures.toNotified.p99), '', '']);
      lines.push(...table(hopRows));
    }
  }
  for (const phase of ['saturated', 'rate'] as const) {
    const sides = [report.troupe[phase], report.raw?.[phase]].filter((figures) => (figures?.stages?.length ?? 0) > 0);
    if (sides.length === 0) continue;
    lines.push(
      '',
      `commit and broker confirm per process, ${shapeLabel(sides[0]!.shape)} (each process's own histograms over the phase, interpolated within buckets; ms)`,
    );
    const stageRows = [['process', 'handled', 'receipt → commit p50', 'p99', 'confirms', 'publish → confirm p50', 'p99']];
    for (const { process, commit, confirm } of sides.flatMap((figures) => figures!.stages!)) {
      stageRows.push([process, commit ? String(commit.count) : '-', commit ? ms(commit.p50) : '-', commit ? ms(commit.p99) : '-', confirm ? String(confirm.count) : '-', confirm ? ms(confirm.p50) : '-', confirm ? ms(confirm.p99) : '-']);
    }
    lines.push(...table(stageRows));
  }
  for (const [who, cpu] of [['troupe', report.troupe.cpu], ['raw', report.raw?.cpu]] as const) {
    if (!cpu) continue;
    lines.push('', `CPU, ${who} ${cpu.phase} phase (utime+stime from /proc, ${cpu.sagas} sagas in ${cpu.seconds.toFixed(1)} s, ${cpu.busyCores.toFixed(2)} cores busy)`);
    const cpuRows = [['process', 'pid', 'CPU ms', 'ms/saga']];
    for (const entry of cpu.processes) cpuRows.push([entry.name, String(entry.pid), entry.cpuMs === null ? '–' : entry.cpuMs.toFixed(0), entry.msPerSaga === null ? '–' : entry.msPerSaga.toFixed(2)]);
    cpuRows.push(['total', '', cpu.totalMs.toFixed(0), cpu.totalMsPerSaga.toFixed(2)]);
    lines.push(...table(cpuRows));
  }
  if (report.troupe.memory.length > 0) {
    const mib = (bytes: number | undefined) => (bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
    lines.push('', 'worker memory at the end (process_resident_memory_bytes; V8 heap used / reserved; external)');
    lines.push(...table(report.troupe.memory.map((entry) => [entry.app, mib(entry.rssBytes), `${mib(entry.heapUsedBytes)} / ${mib(entry.heapTotalBytes)}`, mib(entry.externalBytes)])));
  }
  const errors = [report.troupe.saturated, report.troupe.rate, report.raw?.saturated, report.raw?.rate].flatMap((figures) => (figures?.firstError ? [figures.firstError] : []));
  if (errors.length > 0) lines.push('', `first failure: ${errors[0]}`);
  lines.push('', finalLine(report.summary));
  return lines.join('\n');
}
