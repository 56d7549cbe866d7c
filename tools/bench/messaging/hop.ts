// One hop through the Troupe pipeline (consume → parse/validate → SQLite transaction with inbox and outbox →
// publish with confirm → ack) against a bare amqplib relay (consume → publish with confirm → ack), same broker,
// same run. Not a test: prints throughput (saturated), latency (paced) and CPU per message for both, and the ratios.
// Each hop runs in a process of its own, as a service does; this process drives it and sinks its output.
// Saturated rounds alternate bare, troupe, bare, troupe… and the medians are compared, and the paced messages
// alternate in as many slices, so a burst of load from elsewhere on a shared machine hits both sides instead of
// deciding the ratio.
// Run: npx tsx tools/bench/messaging/hop.ts
//        [--messages 3000] [--rounds 3] [--paced 1000] [--rate 200] [--prefetch 32] [--sync full|normal] [--store file|memory]
// HOP_PROFILE=<dir> also writes a V8 CPU profile of each hop process there (open it in Chrome DevTools).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newId } from '@troupe/contracts';
import { createEvent } from '@troupe/order-catalogue';
import { messagingDefaults, topologyNames } from '@troupe/messaging';
import { deleteTopologies, openRawClient, type RawClient } from '@troupe/messaging/testing';
import { HopChild } from './hop-child';
import { bareHopNames, benchBrokerUrl, troupeHopService, troupeHopTopology } from './hop-names';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const saturatedCount = argument('messages', 3000);
const rounds = argument('rounds', 3);
const pacedRate = argument('rate', 200);
const pacedCount = argument('paced', 1000);
const prefetch = argument('prefetch', messagingDefaults.prefetch);
const driverWindow = messagingDefaults.maxInFlightPublishes;
const option = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1]! : fallback;
};
/** `--sync full` (default, what services run) fsyncs every commit; `normal` survives process crashes only. */
const synchronous = option('sync', 'full') === 'normal' ? 'NORMAL' : 'FULL';
/** `--wal-flush in-commit` (default, what services run) syncs inside COMMIT; `thread-pool` flushes off the loop. */
const walFlush = option('wal-flush', 'in-commit') === 'thread-pool' ? 'thread-pool' : 'in-commit';
const inMemory = option('store', 'file') === 'memory';

interface Hop {
  name: string;
  /** Sends one trigger for `orderId`; the sink reports the orderId when the hop's output arrives. */
  send(orderId: string): Promise<void>;
  process: HopChild;
}

interface Saturated {
  throughput: number;
  /** CPU the hop's process spent per message. */
  cpuMicros: number;
  /** CPU the broker spent per message, when it runs on this machine (read from /proc); else undefined. */
  brokerCpuMicros: number | undefined;
}

/** The local broker's CPU time in µs (user + system), or undefined when it does not run here (or not on Linux). */
function brokerCpuMicros(): number | undefined {
  try {
    const pid = execFileSync('pgrep', ['-f', 'beam.smp'], { encoding: 'utf8' }).split('\n')[0]!.trim();
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, i.e. 12 and 13 after the command name; in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

interface Paced {
  p50: number;
  p99: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Arrival bookkeeping shared by both hops: orderId → send time, resolved when the sink sees it. */
class Tracker {
  private readonly sentAt = new Map<string, number>();
  private readonly latencies: number[] = [];
  private arrivals = 0;
  private waiter: (() => void) | undefined;
  private target = 0;

  sent(orderId: string): void {
    this.sentAt.set(orderId, performance.now());
  }

  arrived(orderId: string): void {
    const start = this.sentAt.get(orderId);
    if (start === undefined) return;
    this.sentAt.delete(orderId);
    this.latencies.push(performance.now() - start);
    this.arrivals += 1;
    if (this.arrivals >= this.target) this.waiter?.();
  }

  reset(target: number): Promise<void> {
    this.latencies.length = 0;
    this.arrivals = 0;
    this.target = target;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.arrivals}/${target} arrived within 120 s`)), 120_000);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  sortedLatencies(): number[] {
    return [...this.latencies].sort((a, b) => a - b);
  }
}

async function warmUp(hop: Hop, tracker: Tracker): Promise<void> {
  // JIT, channel buffers, SQLite page cache.
  const done = tracker.reset(1000);
  await sendMany(hop, tracker, 1000);
  await done;
}

async function saturated(hop: Hop, tracker: Tracker): Promise<Saturated> {
  const done = tracker.reset(saturatedCount);
  const before = await hop.process.stats();
  const brokerBefore = brokerCpuMicros();
  const started = performance.now();
  await sendMany(hop, tracker, saturatedCount);
  await done;
  const elapsed = performance.now() - started;
  const after = await hop.process.stats();
  const detours = (['failed', 'retried', 'deadLettered', 'duplicates'] as const).filter((name) => after[name] > before[name]);
  if (detours.length > 0) {
    console.log(`  warning: ${hop.name} took detours this round (${detours.map((name) => `${name} ${after[name] - before[name]}`).join(', ')}): the figures include them`);
  }
  const brokerAfter = brokerCpuMicros();
  return {
    throughput: saturatedCount / (elapsed / 1000),
    cpuMicros: (after.cpuMicros - before.cpuMicros) / saturatedCount,
    brokerCpuMicros: brokerBefore === undefined || brokerAfter === undefined ? undefined : (brokerAfter - brokerBefore) / saturatedCount,
  };
}

/** `count` messages at `pacedRate`; returns their latencies (ms). */
async function pacedLatencies(hop: Hop, tracker: Tracker, count: number): Promise<number[]> {
  const done = tracker.reset(count);
  const interval = 1000 / pacedRate;
  const pacedStart = performance.now();
  for (let index = 0; index < count; index += 1) {
    const due = pacedStart + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const orderId = newId();
    tracker.sent(orderId);
    void hop.send(orderId);
  }
  await done;
  return tracker.sortedLatencies();
}

/** The paced messages in `rounds` alternating slices, bare first, so neither side owns a quiet or a busy moment. */
async function pacedAlternating(bare: RunningHop, troupe: RunningHop): Promise<Record<'bare' | 'troupe', Paced>> {
  const latencies: Record<'bare' | 'troupe', number[]> = { bare: [], troupe: [] };
  const slice = Math.max(1, Math.round(pacedCount / rounds));
  for (let sent = 0; sent < pacedCount; sent += slice) {
    const count = Math.min(slice, pacedCount - sent);
    latencies.bare.push(...(await pacedLatencies(bare.hop, bare.tracker, count)));
    latencies.troupe.push(...(await pacedLatencies(troupe.hop, troupe.tracker, count)));
  }
  const summary = (values: number[]): Paced => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  return { bare: summary(latencies.bare), troupe: summary(latencies.troupe) };
}

async function sendMany(hop: Hop, tracker: Tracker, count: number): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; index < count; index += 1) {
    const orderId = newId();
    tracker.sent(orderId);
    const sending = hop.send(orderId).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    if (inFlight.size >= driverWindow) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

const trigger = (orderId: string) =>
  Buffer.from(JSON.stringify(createEvent('stock.reserved', { orderId, items: [{ sku: 'SKU-001', quantity: 1 }] }, { source: 'bench-driver' })));
const orderIdOf = (body: Buffer) => (JSON.parse(body.toString()) as { data: { orderId: string } }).data.orderId;

/** A hop ready to be driven: its sink feeds `tracker`; `stop` takes down its process and sink (queues go in cleanups). */
interface RunningHop {
  hop: Hop;
  tracker: Tracker;
  stop(): Promise<void>;
}

const hopArguments = (kind: 'bare' | 'troupe', prefix: string, directory: string) => [
  kind,
  prefix,
  String(prefetch),
  synchronous,
  inMemory ? ':memory:' : path.join(directory, 'payer.sqlite'),
  walFlush,
];

async function startBareHop(client: RawClient, prefix: string, cleanups: Array<() => Promise<unknown>>): Promise<RunningHop> {
  const { exchange, input, output } = bareHopNames(prefix);
  await client.declareTopicExchange(exchange);
  await client.declareBoundQueue(input, exchange, 'stock.reserved');
  await client.declareBoundQueue(output, exchange, 'payment.captured');
  cleanups.push(() => client.deleteQueue(input), () => client.deleteQueue(output), () => client.deleteExchange(exchange));
  const tracker = new Tracker();
  const relay = await HopChild.start(hopArguments('bare', prefix, ''));
  const stopSink = await client.consume(output, (body) => tracker.arrived(orderIdOf(body)));
  return {
    hop: { name: 'bare', send: (orderId) => client.publish(exchange, 'stock.reserved', trigger(orderId)), process: relay },
    tracker,
    stop: async () => {
      await stopSink();
      await relay.stop();
    },
  };
}

async function startTroupeHop(client: RawClient, prefix: string, directory: string, cleanups: Array<() => Promise<unknown>>): Promise<RunningHop> {
  cleanups.push(() => deleteTopologies(benchBrokerUrl, [troupeHopTopology(prefix)]));
  const worker = await HopChild.start(hopArguments('troupe', prefix, directory));
  const names = topologyNames(prefix, troupeHopService);
  const sink = `${prefix}troupe.sink`;
  await client.declareBoundQueue(sink, names.eventsExchange, 'payment.captured');
  cleanups.push(() => client.deleteQueue(sink));
  const tracker = new Tracker();
  const stopSink = await client.consume(sink, (body) => tracker.arrived(orderIdOf(body)));
  return {
    hop: { name: 'troupe', send: (orderId) => client.publish(names.eventsExchange, 'stock.reserved', trigger(orderId)), process: worker },
    tracker,
    stop: async () => {
      await stopSink();
      await worker.stop();
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const prefix = `bench-${randomBytes(3).toString('hex')}.`;
  const directory = mkdtempSync(path.join(tmpdir(), 'troupe-bench-'));
  const client = await openRawClient(benchBrokerUrl);
  const cleanups: Array<() => Promise<unknown>> = [];
  const running: RunningHop[] = [];
  try {
    console.log(
      `hop benchmark: ${rounds} alternating rounds of ${saturatedCount} saturated, then ${pacedCount} paced at ${pacedRate}/s in alternating slices; prefetch ${prefetch}, ` +
        `quorum queues, confirms, SQLite ${inMemory ? 'in-memory' : 'file'} store (synchronous=${synchronous}${synchronous === 'FULL' && !inMemory ? `, WAL synced ${walFlush === 'in-commit' ? 'inside COMMIT' : 'on the thread pool'}` : ''})`,
    );
    const bare = await startBareHop(client, prefix, cleanups);
    running.push(bare);
    const troupe = await startTroupeHop(client, prefix, directory, cleanups);
    running.push(troupe);
    await warmUp(bare.hop, bare.tracker);
    await warmUp(troupe.hop, troupe.tracker);
    const results: Record<'bare' | 'troupe', Saturated[]> = { bare: [], troupe: [] };
    for (let round = 1; round <= rounds; round += 1) {
      results.bare.push(await saturated(bare.hop, bare.tracker));
      results.troupe.push(await saturated(troupe.hop, troupe.tracker));
      const last = (name: 'bare' | 'troupe') => results[name].at(-1)!.throughput.toFixed(0);
      console.log(`round ${round}: bare ${last('bare')} msgs/s, troupe ${last('troupe')} msgs/s`);
    }
    const latency = await pacedAlternating(bare, troupe);
    const summary = (name: 'bare' | 'troupe') => ({
      throughput: median(results[name].map((result) => result.throughput)),
      cpuMicros: median(results[name].map((result) => result.cpuMicros)),
      brokerCpuMicros: results[name][0]!.brokerCpuMicros === undefined ? undefined : median(results[name].map((result) => result.brokerCpuMicros!)),
      ...latency[name],
    });
    const row = (name: 'bare' | 'troupe') => {
      const result = summary(name);
      return (
        `${name.padEnd(8)} ${result.throughput.toFixed(0).padStart(7)} msgs/s (median)   p50 ${result.p50.toFixed(2).padStart(6)} ms   ` +
        `p99 ${result.p99.toFixed(2).padStart(7)} ms   CPU µs/msg: node ${result.cpuMicros.toFixed(0).padStart(4)}` +
        (result.brokerCpuMicros === undefined ? '' : `, broker ${result.brokerCpuMicros.toFixed(0).padStart(4)}`)
      );
    };
    console.log(row('bare'));
    console.log(row('troupe'));
    const [b, t] = [summary('bare'), summary('troupe')];
    console.log(`ratio    throughput ${(t.throughput / b.throughput).toFixed(2)} (target ≥ 0.60)   p50 +${(t.p50 - b.p50).toFixed(2)} ms (target ≤ +3 ms)`);
  } finally {
    for (const hop of running.reverse()) await hop.stop().catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await client.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
