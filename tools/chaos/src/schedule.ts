import type { ChaosOptions } from './options';
import { allTargets, targetName, type Target } from './targets';
import { poisonKinds, poisonRoutingKeys, type PoisonKind } from './poison';
import { shuffled } from './random';

export type Fault =
  | { kind: 'kill'; atMs: number; target: Target; downMs: number }
  | { kind: 'broker-restart'; atMs: number; stopMs: number }
  | { kind: 'connection-cut'; atMs: number; cutMs: number }
  | { kind: 'scale-in'; atMs: number; targets: Target[] }
  | { kind: 'poison'; atMs: number; number: number; poison: PoisonKind; routingKey: string }
  | { kind: 'node-loss'; atMs: number; node: number; downMs: number };

export type ScheduleOptions = Pick<
  ChaosOptions,
  'durationS' | 'orders' | 'killsPerWorker' | 'killTargets' | 'brokerRestarts' | 'connectionCuts' | 'brokerStopMs' | 'cutMs' | 'poisonRate' | 'twoInstances'
> &
  Partial<Pick<ChaosOptions, 'instances' | 'nodeLosses' | 'nodeDownMs' | 'lostNode'>>;

/** Faults happen between these shares of the window: orders are already flowing, and are still flowing after the last one. */
const windowStart = 0.08;
const windowEnd = 0.85;
/** The second instances leave (SIGTERM) here; their kills come before. */
const scaleInAt = 0.6;
/** No kill this long before a broker fault or this long after it (recovery from it is measured alone). */
const quietBeforeMs = 3_000;
const quietAfterMs = 10_000;

/**
 * The run's faults, in time order, fixed by the seed: broker restarts and connection cuts spread evenly and alone, every
 * worker killed `killsPerWorker` times in rounds (each round a shuffled pass over the workers) in the time between,
 * the second instances killed before they scale in, and the poison messages spread over the window.
 */
export function buildSchedule(options: ScheduleOptions, random: () => number): Fault[] {
  const durationMs = options.durationS * 1000;
  const start = windowStart * durationMs;
  const end = windowEnd * durationMs;
  const faults: Fault[] = [];

  const specials = alternate(options.brokerRestarts, options.connectionCuts);
  const zones: Array<[number, number]> = [];
  specials.forEach((kind, index) => {
    const atMs = Math.round(start + ((end - start) * (index + 0.5)) / specials.length);
    const lengthMs = kind === 'broker-restart' ? options.brokerStopMs : options.cutMs;
    faults.push(kind === 'broker-restart' ? { kind, atMs, stopMs: options.brokerStopMs } : { kind, atMs, cutMs: options.cutMs });
    zones.push([atMs - quietBeforeMs, atMs + lengthMs + quietAfterMs]);
  });

  // Node losses: spread evenly like the broker faults, alone too, so their recovery is their own.
  const nodeLosses = options.nodeLosses ?? 0;
  for (let index = 0; index < nodeLosses; index++) {
    const atMs = Math.round(start + ((end - start) * (index + 0.5)) / nodeLosses);
    const downMs = options.nodeDownMs ?? 10_000;
    faults.push({ kind: 'node-loss', atMs, node: options.lostNode ?? 2, downMs });
    zones.push([atMs - quietBeforeMs, atMs + downMs + quietAfterMs]);
  }

  const targets = options.killTargets ?? allTargets(options.twoInstances, options.instances);
  const slots = spreadOutside(start, end, zones, targets.length * options.killsPerWorker);
  const scaleInMs = Math.round(scaleInAt * durationMs);
  const kills: Array<{ atMs: number; target: Target }> = [];
  for (let round = 0; round < options.killsPerWorker; round++) {
    const order = shuffled(targets, random);
    order.forEach((target, index) => kills.push({ atMs: slots[round * targets.length + index]!, target }));
  }
  moveSecondInstanceKillsEarlier(kills, options.twoInstances ? scaleInMs : Infinity);
  for (const kill of kills) faults.push({ kind: 'kill', atMs: kill.atMs, target: kill.target, downMs: Math.round(500 + random() * 1500) });

  if (options.twoInstances) {
    faults.push({ kind: 'scale-in', atMs: scaleInMs, targets: allTargets(true).filter((target) => target.index === 1) });
  }

  const poisonCount = options.poisonRate > 0 ? Math.max(poisonKinds.length, Math.round(options.orders * options.poisonRate)) : 0;
  for (let number = 0; number < poisonCount; number++) {
    const atMs = Math.round(start + ((end - start) * (number + random())) / poisonCount);
    const routingKey = poisonRoutingKeys[Math.floor(random() * poisonRoutingKeys.length)]!;
    faults.push({ kind: 'poison', atMs, number, poison: poisonKinds[number % poisonKinds.length]!, routingKey });
  }
  return faults.sort((a, b) => a.atMs - b.atMs);
}

/** `brokers` broker restarts and `cuts` connection cuts, interleaved (B C B for 2 + 1). */
function alternate(brokers: number, cuts: number): Array<'broker-restart' | 'connection-cut'> {
  const kinds: Array<'broker-restart' | 'connection-cut'> = [];
  let [b, c] = [brokers, cuts];
  while (b + c > 0) {
    const broker = b > 0 && (c === 0 || kinds.at(-1) !== 'broker-restart');
    kinds.push(broker ? 'broker-restart' : 'connection-cut');
    if (broker) b--;
    else c--;
  }
  return kinds;
}

/** `count` instants evenly spread over [start, end] minus the zones. */
export function spreadOutside(start: number, end: number, zones: ReadonlyArray<[number, number]>, count: number): number[] {
  const free: Array<[number, number]> = [];
  let cursor = start;
  for (const [from, to] of [...zones].sort((a, b) => a[0] - b[0])) {
    if (from > cursor) free.push([cursor, Math.min(from, end)]);
    cursor = Math.max(cursor, to);
  }
  if (cursor < end) free.push([cursor, end]);
  const total = free.reduce((sum, [from, to]) => sum + Math.max(0, to - from), 0);
  return Array.from({ length: count }, (_, index) => {
    let offset = (total * (index + 0.5)) / count;
    for (const [from, to] of free) {
      if (offset <= to - from) return Math.round(from + offset);
      offset -= to - from;
    }
    return Math.round(end);
  });
}

/** A second instance's last kill comes this long before it scales in at the latest, so its recovery is measured whole. */
const killBeforeScaleInMs = 10_000;

/** A second instance's kill due too close to (or after) its scale-in takes the slot of the latest earlier kill of a first instance. */
function moveSecondInstanceKillsEarlier(kills: Array<{ atMs: number; target: Target }>, scaleInMs: number): void {
  const latest = scaleInMs - killBeforeScaleInMs;
  for (const late of kills.filter((kill) => kill.target.index === 1 && kill.atMs >= latest)) {
    const swap = kills.filter((kill) => kill.target.index === 0 && kill.atMs < latest).sort((a, b) => b.atMs - a.atMs)[0];
    if (!swap) throw new Error(`no slot ${killBeforeScaleInMs} ms before the scale-in (${scaleInMs} ms) for the kill of ${targetName(late.target)}: lengthen --duration`);
    [late.target, swap.target] = [swap.target, late.target];
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'kill':
      return `SIGKILL ${targetName(fault.target)}, restart after ${seconds(fault.downMs)}`;
    case 'broker-restart':
      return `broker restart: rabbitmqctl stop_app, ${seconds(fault.stopMs)}, start_app`;
    case 'connection-cut':
      return `connection cut: the workers' TCP proxy drops every connection and refuses new ones for ${seconds(fault.cutMs)}`;
    case 'scale-in':
      return `scale in: SIGTERM ${fault.targets.map(targetName).join(', ')} (not a fault: the run goes on with one instance each)`;
    case 'poison':
      return `poison #${fault.number}: ${fault.poison} on ${fault.routingKey}`;
    case 'node-loss':
      return `node loss: rabbitmqctl -n troupe-${fault.node}@<host> stop_app, ${seconds(fault.downMs)}, start_app`;
  }
}

export function formatSchedule(faults: readonly Fault[]): string {
  return faults.map((fault) => `  +${seconds(fault.atMs).padStart(8)}  ${describeFault(fault)}`).join('\n');
}
