import type { ConsumerRecovery } from './consumer-watch';
import { medianAndMax } from './percentiles';
import type { Verdict } from './verdict';

/** One node loss: how long rabbitmqctl took, and what the consumers did (performance.now clock). */
export interface NodeLossFigures {
  node: string;
  issuedAt: number;
  stopAppMs: number;
  downMs: number;
  startAppMs: number;
  consumers: ConsumerRecovery;
}

export interface Gap {
  ms: number;
  /** Where the gap started (performance.now clock). */
  from: number;
}

/** The longest time between two consecutive instants (sorted first), or undefined for fewer than two. */
export function longestGap(instants: readonly number[]): Gap | undefined {
  const sorted = [...instants].sort((a, b) => a - b);
  let best: Gap | undefined;
  for (let index = 1; index < sorted.length; index++) {
    const ms = sorted[index]! - sorted[index - 1]!;
    if (!best || ms > best.ms) best = { ms, from: sorted[index - 1]! };
  }
  return best;
}

export interface FaultFigures {
  /** Fault kind → recovery time of each occurrence (ms): until every affected worker answered /health 200 again. */
  recoveries: Record<'kill' | 'broker-restart' | 'connection-cut' | 'node-loss', number[]>;
  /** Faults that failed to run at all (a restart that never became healthy, a rabbitmqctl error). */
  failed: string[];
  duplicates: { published: number; ofEvents: number; givenUp: number; byType: ReadonlyMap<string, number> };
  poison: { published: number; scheduled: number; inEveryDlq: number };
  nodeLosses: NodeLossFigures[];
  /** Longest stalls seen by the client (accepted POST /orders) and the tap (distinct events), measured from `t0`. */
  gaps?: { acceptedPostMs?: Gap; publishedEventMs?: Gap; t0: number };
}

/** What the run's client went through: the API as a user of it saw the faults. */
export interface ClientFigures {
  placed: number;
  retriedPosts: number;
  slowestPlaceMs: number;
  cancels: number;
  cancels409: number;
  retriedCancels: number;
}

export interface ReportContext {
  client: ClientFigures;
  seed: number;
  /** The command that replays this run. */
  replay?: string;
  namespace: string;
  launch: string;
  windowS: number;
  quiet: { quiet: boolean; waitedMs: number };
  deadLetters: { poisonCopies: number; other: number };
  queues: { consumer: number; retry: number; dlq: number };
  loadBefore: number[];
  loadAfter: number[];
  wallS: number;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pad = (text: string | number, width: number) => String(text).padStart(width);

const faultLabels: Record<keyof FaultFigures['recoveries'], string> = {
  kill: 'SIGKILL + restart',
  'broker-restart': 'broker restart',
  'connection-cut': 'connection cut',
  'node-loss': 'node loss',
};

/** The run's table: faults with recovery times, outcomes asked vs got, the broker's queues, then what went wrong. */
export function formatReport(verdict: Verdict, faults: FaultFigures, context: ReportContext): string {
  const lines: string[] = [];
  lines.push(`chaos run, seed ${context.seed} (replay: ${context.replay ?? `npm run chaos -- --seed ${context.seed}`}), namespace ${context.namespace}`);
  lines.push(`workers: ${context.launch}; window ${context.windowS} s; wall ${context.wallS.toFixed(0)} s; load average ${fmtLoad(context.loadBefore)} before, ${fmtLoad(context.loadAfter)} after`);
  lines.push('');
  lines.push(`${'fault'.padEnd(26)}${pad('count', 7)}${pad('recovery median', 17)}${pad('max', 9)}`);
  for (const kind of ['kill', 'broker-restart', 'connection-cut', 'node-loss'] as const) {
    if (kind === 'node-loss' && faults.recoveries[kind].length === 0) continue;
    const figures = medianAndMax(faults.recoveries[kind]);
    lines.push(`  ${faultLabels[kind].padEnd(24)}${pad(faults.recoveries[kind].length, 7)}${pad(figures ? s(figures.median) : '-', 17)}${pad(figures ? s(figures.max) : '-', 9)}`);
  }
  const { duplicates, poison } = faults;
  const share = duplicates.ofEvents === 0 ? 0 : (100 * duplicates.published) / duplicates.ofEvents;
  lines.push(`  ${'duplicated deliveries'.padEnd(24)}${pad(duplicates.published, 7)}  ${share.toFixed(1)} % of ${duplicates.ofEvents} distinct events${duplicates.givenUp > 0 ? `, ${duplicates.givenUp} given up` : ''}`);
  lines.push(`  ${'poison messages'.padEnd(24)}${pad(poison.published, 7)}  ${poison.inEveryDlq} of ${poison.scheduled} in every DLQ due, with their reason`);
  for (const failure of faults.failed) lines.push(`  fault failed: ${failure}`);
  for (const loss of faults.nodeLosses) lines.push(...nodeLossLines(loss, faults.gaps?.t0 ?? loss.issuedAt));
  if (faults.gaps && faults.nodeLosses.length > 0) {
    const gap = (label: string, found: Gap | undefined) =>
      found ? `${label} ${s(found.ms)} (from +${s(found.from - faults.gaps!.t0)})` : `${label} -`;
    lines.push(`  longest stall while orders were placed: ${gap('between accepted POST /orders', faults.gaps.acceptedPostMs)}; ${gap('between published events', faults.gaps.publishedEventMs)}`);
  }
  const { client } = context;
  lines.push(
    `client: ${client.retriedPosts} of ${client.placed} POST /orders needed a retry (slowest 202 after ${s(client.slowestPlaceMs)}); ` +
      `${client.cancels} cancels, ${client.cancels409} answered 409, ${client.retriedCancels} retried`,
  );
  lines.push('');
  lines.push(`${'outcome'.padEnd(34)}${pad('asked', 7)}${pad('got', 7)}${pad('as asked', 10)}`);
  for (const row of verdict.outcomes) lines.push(`  ${row.outcome.padEnd(32)}${pad(row.asked, 7)}${pad(row.got, 7)}${pad(row.asAsked, 10)}`);
  lines.push(`  ${'total'.padEnd(32)}${pad(verdict.orders, 7)}${pad(verdict.orders, 7)}${pad(verdict.asAsked, 10)}`);
  lines.push('');
  lines.push(
    `queues at the end: ${context.queues.consumer} in consumer queues, ${context.queues.retry} in retry queues, ${context.queues.dlq} dead letters ` +
      `(${context.deadLetters.poisonCopies} poison copies, ${context.deadLetters.other} other); ` +
      `${context.quiet.quiet ? `quiet after ${s(context.quiet.waitedMs)}` : `NOT quiet after ${s(context.quiet.waitedMs)}`}`,
  );
  const shown = 40;
  if (verdict.violations.length > 0) {
    lines.push('', `violations (${verdict.violations.length}):`, ...verdict.violations.slice(0, shown).map((line) => `  ${line}`));
    if (verdict.violations.length > shown) lines.push(`  … and ${verdict.violations.length - shown} more`);
  }
  if (verdict.lostLines.length > 0) {
    lines.push('', `lost (${verdict.lost}):`, ...verdict.lostLines.slice(0, shown).map((line) => `  ${line}`));
  }
  if (verdict.goodputPct < 95) {
    const missed = verdict.outcomes.filter((row) => row.asked > row.asAsked).map((row) => `${row.asked - row.asAsked} asked ${row.outcome}`);
    lines.push('', `goodput under 95 %: ${missed.join(', ')} ended otherwise`);
  }
  return lines.join('\n');
}

function nodeLossLines(loss: NodeLossFigures, t0: number): string[] {
  const { consumers } = loss;
  const at = (instant: number) => `+${s(instant - t0)}`;
  const recovery =
    consumers.lostAt === undefined
      ? `no queue seen short of consumers (polled every 250 ms; ${consumers.onLostNode} of ${consumers.consumers} consumers were on ${loss.node})`
      : consumers.backAt === undefined
        ? `consumers NOT back (short: ${consumers.short.join(', ')})`
        : `consumers back on surviving nodes: each queue within ${s(consumers.longestGapMs ?? 0)} of going away${consumers.slowestQueue ? ` (slowest: ${consumers.slowestQueue})` : ''}, all ${s(consumers.backAt - consumers.lostAt)} after the first went away (${at(consumers.lostAt)} → ${at(consumers.backAt)}; ${s(consumers.backAt - loss.issuedAt)} after stop_app was issued)`;
  return [
    `  node loss of ${loss.node} at ${at(loss.issuedAt)}: stop_app ${s(loss.stopAppMs)}, down ${s(loss.downMs)}, start_app ${s(loss.startAppMs)}`,
    `    ${recovery}`,
    `    ${consumers.queues} queues with ${consumers.consumers} consumers before, ${consumers.onLostNode} of them on ${loss.node}; ${consumers.failedPolls} of ${consumers.polls} management polls unanswered meanwhile`,
  ];
}

const fmtLoad = (load: number[]) => load.map((value) => value.toFixed(2)).join(' ');
