// `npm run bench`: the system benchmark (docs/benchmarks.md). Not a test: prints figures, asserts nothing.
// Drives orders through the whole order system (saturated and/or at a rate), then replays the same event
// graph with bare amqplib relays on the same broker, and prints both with ours/raw ratios.
import os from 'node:os';
import { topologyNames } from '@troupe/messaging';
import { openRawClient } from '@troupe/messaging/testing';
import { adminAuthorization, expectStatus, orderSystemApps, request } from '@troupe/order-testing';
import { EventTap } from './event-tap';
import { readMemory } from './memory';
import { parseOptions, runsRate, runsSaturated, targetsRunningSystem, usage, type BenchOptions } from './options';
import { soldOutSku } from './order-mix';
import { orderWorkload, sagaDetails } from './order-workload';
import { runPhase, type PhaseResult, type PhaseShape, type Workload } from './phase';
import { startRawChain } from './raw-chain';
import { formatReport, type BenchReport, type PhaseFigures } from './report';
import { systemUnderTest } from './system-under-test';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function figuresOf({ shape, completed, failed, firstError, seconds, perSecond, latency, outcomes }: PhaseResult): PhaseFigures {
  return { shape, completed, failed, ...(firstError ? { firstError } : {}), seconds, perSecond, latency, outcomes };
}

function shapesOf(options: BenchOptions, saturatedCount: number): Array<['saturated' | 'rate', PhaseShape]> {
  const shapes: Array<['saturated' | 'rate', PhaseShape]> = [];
  if (runsSaturated(options)) shapes.push(['saturated', { kind: 'saturated', count: saturatedCount, concurrency: options.concurrency }]);
  if (runsRate(options)) shapes.push(['rate', { kind: 'rate', rate: options.rate, duration: options.duration }]);
  return shapes;
}

async function benchTroupe(options: BenchOptions): Promise<{ troupe: BenchReport['troupe']; describe: string }> {
  say(targetsRunningSystem(options) ? 'using the running system' : `starting the order system (${orderSystemApps().length} processes; a minute on a busy machine)…`);
  const system = await systemUnderTest(options);
  const client = await openRawClient(options.rabbitmqUrl);
  const tap = new EventTap();
  const tapQueue = `${system.prefix}bench-tap-${process.pid}`;
  try {
    await tap.start(client, tapQueue, topologyNames(system.prefix, 'bench').eventsExchange);
    if (options.mix === 'mixed') {
      const headers = system.adminToken === undefined ? {} : adminAuthorization(system.adminToken);
      const sold = await request(system.urlOf('inventory-service'), 'PUT', `/stock/${soldOutSku}`, { json: { available: 0 }, headers });
      expectStatus(sold, [200], `PUT /stock/${soldOutSku}`);
    }
    const workload = orderWorkload(system.urlOf('order-service'), tap, options.mix);
    const timeoutMs = system.sagaDeadlineMs + 30_000;
    say('warming up (20 orders)…');
    await runPhase('warm-up', { kind: 'saturated', count: 20, concurrency: 4 }, offset(workload, 1_000_000), timeoutMs, true);
    const troupe: BenchReport['troupe'] = { memory: [] };
    for (const [phase, shape] of shapesOf(options, options.orders)) {
      const result = await runPhase(`troupe ${phase}`, shape, offset(workload, phase === 'rate' ? 2_000_000 : 0), timeoutMs);
      troupe[phase] = { ...figuresOf(result), ...(await sagaDetails(result, tap, 30_000)) };
    }
    troupe.memory = await readMemory(system.processes);
    return { troupe, describe: system.describe };
  } finally {
    await tap.close();
    if (targetsRunningSystem(options)) await client.deleteQueue(tapQueue).catch(() => undefined);
    await client.close();
    await system.stop();
  }
}

/** Distinct order indices per phase, so the mix and SKU spread continue instead of repeating. */
const offset = (workload: Workload, by: number): Workload => (index, startedAt) => workload(index + by, startedAt);

async function benchRaw(options: BenchOptions): Promise<BenchReport['raw']> {
  const chain = await startRawChain(options.rabbitmqUrl);
  try {
    await runPhase('raw warm-up', { kind: 'saturated', count: 200, concurrency: options.concurrency }, chain.workload, 60_000, true);
    const raw: NonNullable<BenchReport['raw']> = {};
    for (const [phase, shape] of shapesOf(options, options.rawChains)) raw[phase] = figuresOf(await runPhase(`raw ${phase}`, shape, chain.workload, 60_000));
    return raw;
  } finally {
    await chain.close();
  }
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(usage);
    process.exit(2);
  }
  const loadBefore = os.loadavg();
  const { troupe, describe } = await benchTroupe(options);
  const raw = options.raw ? await benchRaw(options) : undefined;
  const report: BenchReport = {
    conditions: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      loadBefore,
      loadAfter: os.loadavg(),
      mix: options.mix === 'happy' ? 'happy path only' : 'mixed (70 % confirmed, 10 % each rejected / payment declined / shipping failed)',
      system: describe,
      raw: options.raw ? '5 bare amqplib relays (consume → confirmed persistent publish → ack), quorum queues, prefetch 32, same broker' : 'skipped (--no-raw)',
    },
    troupe,
    ...(raw ? { raw } : {}),
  };
  console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
