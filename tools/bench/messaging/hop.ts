// One hop through the Troupe pipeline (consume → parse/validate → SQLite transaction with inbox and outbox →
// publish with confirm → ack) against a bare amqplib relay (consume → publish with confirm → ack), same broker,
// same run. Not a test: prints throughput (saturated) and latency (paced) for both and the ratios.
// Run: npx tsx tools/bench/messaging/hop.ts
//        [--messages 3000] [--paced 1000] [--rate 200] [--prefetch 32] [--sync full|normal] [--store file|memory]
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEvent } from '@troupe/contracts';
import { connectBroker, createMessaging, topologyNames } from '@troupe/messaging';
import { deleteTopologies, openRawClient, type RawClient } from '@troupe/messaging/testing';
import { createSqliteStore } from '@troupe/persistence';

const url = 'amqp://guest:guest@127.0.0.1:5672';
const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const saturatedCount = argument('messages', 3000);
const pacedRate = argument('rate', 200);
const pacedCount = argument('paced', 1000);
const prefetch = argument('prefetch', 32);
const driverWindow = 256;
const option = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1]! : fallback;
};
/** `--sync full` (default, what services run) fsyncs every commit; `normal` survives process crashes only. */
const synchronous = option('sync', 'full') === 'normal' ? 'NORMAL' : 'FULL';
const inMemory = option('store', 'file') === 'memory';

interface Hop {
  name: string;
  /** Sends one trigger for `orderId`; the sink reports the orderId when the hop's output arrives. */
  send(orderId: string): Promise<void>;
}

interface Result {
  throughput: number;
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

async function measure(hop: Hop, tracker: Tracker): Promise<Result> {
  // Warm-up: JIT, channel buffers, SQLite page cache.
  let done = tracker.reset(200);
  await sendMany(hop, tracker, 200);
  await done;

  done = tracker.reset(saturatedCount);
  const started = performance.now();
  await sendMany(hop, tracker, saturatedCount);
  await done;
  const throughput = saturatedCount / ((performance.now() - started) / 1000);

  done = tracker.reset(pacedCount);
  const interval = 1000 / pacedRate;
  const pacedStart = performance.now();
  for (let index = 0; index < pacedCount; index += 1) {
    const due = pacedStart + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const orderId = randomUUID();
    tracker.sent(orderId);
    void hop.send(orderId);
  }
  await done;
  const sorted = tracker.sortedLatencies();
  return { throughput, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function sendMany(hop: Hop, tracker: Tracker, count: number): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; index < count; index += 1) {
    const orderId = randomUUID();
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

async function bareHop(client: RawClient, prefix: string, cleanups: Array<() => Promise<unknown>>): Promise<Result> {
  const exchange = `${prefix}bare.events`;
  const input = `${prefix}bare.in`;
  const output = `${prefix}bare.out`;
  await client.declareTopicExchange(exchange);
  await client.declareBoundQueue(input, exchange, 'stock.reserved');
  await client.declareBoundQueue(output, exchange, 'payment.captured');
  cleanups.push(() => client.deleteQueue(input), () => client.deleteQueue(output), () => client.deleteExchange(exchange));
  const tracker = new Tracker();
  const stopRelay = await client.relay(input, exchange, 'payment.captured', prefetch);
  const stopSink = await client.consume(output, (body) => tracker.arrived(orderIdOf(body)));
  try {
    return await measure({ name: 'bare', send: (orderId) => client.publish(exchange, 'stock.reserved', trigger(orderId)) }, tracker);
  } finally {
    await stopSink();
    await stopRelay();
  }
}

async function troupeHop(client: RawClient, prefix: string, directory: string, cleanups: Array<() => Promise<unknown>>): Promise<Result> {
  const broker = connectBroker({ url });
  const store = createSqliteStore({ file: inMemory ? ':memory:' : path.join(directory, 'payer.sqlite'), synchronous });
  const messaging = createMessaging({
    broker,
    store,
    prefix,
    service: 'payer',
    prefetch,
    handlers: {
      'stock.reserved': async (event, ctx) => {
        const payments = ctx.store.collection<{ _id: string; amountCents: number }>('payments');
        await payments.insert({ _id: event.data.orderId, amountCents: 100 });
        await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: `pay_${event.id.slice(0, 8)}`, amountCents: 100 });
      },
    },
  });
  cleanups.push(() => deleteTopologies(url, [messaging.topology]));
  await broker.whenConnected(5000);
  await messaging.start();
  const names = topologyNames(prefix, 'payer');
  const sink = `${prefix}troupe.sink`;
  await client.declareBoundQueue(sink, names.eventsExchange, 'payment.captured');
  cleanups.push(() => client.deleteQueue(sink));
  const tracker = new Tracker();
  const stopSink = await client.consume(sink, (body) => tracker.arrived(orderIdOf(body)));
  try {
    return await measure({ name: 'troupe', send: (orderId) => client.publish(names.eventsExchange, 'stock.reserved', trigger(orderId)) }, tracker);
  } finally {
    await stopSink();
    await messaging.stop();
    await broker.close();
    await store.close();
  }
}

async function main(): Promise<void> {
  const prefix = `bench-${randomBytes(3).toString('hex')}.`;
  const directory = mkdtempSync(path.join(tmpdir(), 'troupe-bench-'));
  const client = await openRawClient(url);
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    console.log(`hop benchmark: ${saturatedCount} saturated + ${pacedCount} paced at ${pacedRate}/s, prefetch ${prefetch}, quorum queues, confirms, SQLite ${inMemory ? 'in-memory' : 'file'} store (synchronous=${synchronous})`);
    const bare = await bareHop(client, prefix, cleanups);
    const troupe = await troupeHop(client, prefix, directory, cleanups);
    const row = (name: string, result: Result) =>
      `${name.padEnd(8)} ${result.throughput.toFixed(0).padStart(7)} msgs/s   p50 ${result.p50.toFixed(2).padStart(6)} ms   p99 ${result.p99.toFixed(2).padStart(7)} ms`;
    console.log(row('bare', bare));
    console.log(row('troupe', troupe));
    console.log(`ratio    throughput ${(troupe.throughput / bare.throughput).toFixed(2)} (target ≥ 0.60)   p50 +${(troupe.p50 - bare.p50).toFixed(2)} ms (target ≤ +3 ms)`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await client.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
