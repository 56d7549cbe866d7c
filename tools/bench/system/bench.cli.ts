// `npm run bench`: the system benchmark (docs/benchmarks.md). Not a test: prints figures, asserts nothing.
// Drives orders through the whole order system (saturated and/or at a rate), then replays the same event graph —
// derived from the manifests — with one bare amqplib process per service on the same broker, and prints both
// with troupe/raw ratios, POST latency, CPU per process, and one final summary line.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { archiveNames } from '@troupe/messaging';
import { referenceManifests } from '@troupe/order-catalogue';
import { adminAuthorization, expectStatus, orderSystemApps, request } from '@troupe/order-testing';
import { brokerProcesses, clockTicksPerSecond, cpuFigures, sampleCpu, type CpuFigures, type CpuSample, type WatchedProcess } from './cpu';
import { EventTap } from './event-tap';
import { readMemory } from './memory';
import { parseOptions, targetsRunningSystem, usage, type BenchOptions } from './options';
import { soldOutSku } from './order-mix';
import { orderWorkload, sagaDetails } from './order-workload';
import { runPhase, type PhaseResult, type Workload } from './phase';
import { measuredShapes, warmUpSagas, warmUpShape } from './phase-plan';
import { happyPath, startRawGraph } from './raw-graph';
import { finalLine, formatReport, summaryOf, type BenchReport, type PhaseFigures } from './report';
import { phaseStages, readWorkerStages } from './stage-latency';
import { systemUnderTest } from './system-under-test';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Stops whatever is running (the order system, the raw replay) on Ctrl-C or SIGTERM, so no namespace is left behind. */
const cleanups = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping and deleting the namespaces…`);
    void Promise.allSettled([...cleanups].map((cleanup) => cleanup())).finally(() => process.exit(130));
  });
}

function figuresOf({ shape, completed, failed, firstError, seconds, perSecond, latency, post, outcomes }: PhaseResult): PhaseFigures {
  return { shape, completed, failed, ...(firstError ? { firstError } : {}), seconds, perSecond, latency, ...(post ? { post } : {}), outcomes };
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
const ticksPerSecond = clockTicksPerSecond();

/** CPU time of every watched process (plus the broker and this process) between a phase's start and its end. */
function cpuWatch(processes: readonly WatchedProcess[]) {
  const watched = [...processes, ...brokerProcesses(), { name: 'bench (driver + tap)', pid: process.pid }];
  let first: CpuSample[] = [];
  let startedAt = 0;
  return {
    start() {
      startedAt = performance.now();
      first = sampleCpu(watched);
    },
    finish(sagas: number): CpuFigures {
      return cpuFigures('saturated', first, sampleCpu(watched), sagas, (performance.now() - startedAt) / 1000, ticksPerSecond);
    },
  };
}

/** DIR/window.json for the profile analyser: the troupe saturated phase's bounds on the profiles' clock. */
function writeWindow(dir: string, window: { fromMicros: number; toMicros: number | null; sagas: number; processes: Array<{ app: string; pid: number }> }): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'window.json'), `${JSON.stringify({ phase: 'saturated', ...window }, null, 2)}\n`);
  // The analyser maps profile lines to source files through the bundles the run used; a later build would change them.
  for (const { app } of window.processes) {
    const bundle = path.join('dist', 'apps', app, 'main.js');
    if (!existsSync(bundle)) continue;
    mkdirSync(path.join(dir, 'bundles', app), { recursive: true });
    copyFileSync(bundle, path.join(dir, 'bundles', app, 'main.js'));
  }
}

async function benchTroupe(options: BenchOptions): Promise<{ troupe: BenchReport['troupe']; describe: string; tap: string }> {
  say(targetsRunningSystem(options) ? 'using the running system' : `starting the order system (${orderSystemApps().length} processes; a minute on a busy machine)…`);
  const system = await systemUnderTest(options);
  cleanups.add(system.stop);
  const tap = new EventTap();
  const stream = archiveNames(system.prefix).archiveStream;
  try {
    await tap.start(options.rabbitmqUrl, stream, (why) => say(why));
    if (options.mix === 'mixed') {
      const headers = system.adminToken === undefined ? {} : adminAuthorization(system.adminToken);
      const sold = await request(system.urlOf('inventory-service'), 'PUT', `/stock/${soldOutSku}`, { json: { available: 0 }, headers });
      expectStatus(sold, [200], `PUT /stock/${soldOutSku}`);
    }
    const workload = orderWorkload(system.urlsOf('order-service'), tap, options.mix);
    const timeoutMs = system.sagaDeadlineMs + 30_000;
    say(`warming up (${warmUpSagas} orders)…`);
    await runPhase('warm-up', warmUpShape(options), offset(workload, 1_000_000), timeoutMs, { quiet: true });
    const troupe: BenchReport['troupe'] = { memory: [] };
    const apps = system.processes.flatMap(({ app, pid }) => (pid === undefined ? [] : [{ app, pid }]));
    for (const [phase, shape] of measuredShapes(options, options.orders)) {
      const cpu = phase === 'saturated' ? cpuWatch(apps.map(({ app, pid }) => ({ name: app, pid }))) : undefined;
      let fromMicros = 0;
      const onStart = () => {
        cpu?.start();
        fromMicros = monotonicMicros();
        if (cpu && options.profileDir) writeWindow(options.profileDir, { fromMicros, toMicros: null, sagas: 0, processes: apps });
      };
      const stagesBefore = await readWorkerStages(system.processes);
      const result = await runPhase(`troupe ${phase}`, shape, offset(workload, phase === 'rate' ? 2_000_000 : 0), timeoutMs, { onStart });
      if (cpu) {
        troupe.cpu = cpu.finish(result.completed);
        if (options.profileDir) writeWindow(options.profileDir, { fromMicros, toMicros: monotonicMicros(), sagas: result.completed, processes: apps });
      }
      const details = await sagaDetails(result, tap, 30_000);
      troupe[phase] = { ...figuresOf(result), ...details, stages: phaseStages(stagesBefore, await readWorkerStages(system.processes)) };
    }
    troupe.memory = await readMemory(system.processes);
    return { troupe, describe: system.describe, tap: `the archive stream ${stream} (bound # to the events exchange), read from 'next', prefetch 1000` };
  } finally {
    await tap.close();
    await system.stop();
    cleanups.delete(system.stop);
  }
}

/** Distinct order indices per phase, so the mix and SKU spread continue instead of repeating. */
const offset = (workload: Workload, by: number): Workload => (index, startedAt) => workload(index + by, startedAt);

async function benchRaw(options: BenchOptions): Promise<{ raw: NonNullable<BenchReport['raw']>; describe: string }> {
  say(`starting the raw replay (${referenceManifests.length} bare amqplib processes)…`);
  const graph = await startRawGraph(options.rabbitmqUrl, referenceManifests, (why) => say(`raw replay broken: ${why}`));
  cleanups.add(graph.close);
  try {
    const { plan } = graph;
    const fromArchive = plan.services.filter((service) => service.intake === 'archive').map((service) => service.service);
    const queues = plan.services.reduce((sum, service) => sum + service.consumers.length, 0);
    const describe =
      `${plan.services.length} bare amqplib processes, one per manifest, each declaring its worker's topology in namespace ${plan.prefix} ` +
      `(${queues} consumer queues${fromArchive.length > 0 ? `; ${fromArchive.join(', ')} read the archive` : ''}), prefetch ${plan.services[0]?.prefetch}, ` +
      `happy path ${happyPath(plan).join(' → ')}: consume → confirmed persistent publish of a real envelope → ack; no store; same broker`;
    await runPhase('raw warm-up', warmUpShape(options), graph.workload, 60_000, { quiet: true });
    const raw: NonNullable<BenchReport['raw']> = {};
    for (const [phase, shape] of measuredShapes(options, options.rawSagas)) {
      const cpu = phase === 'saturated' ? cpuWatch(graph.processes().map(({ app, pid }) => ({ name: app, pid }))) : undefined;
      const stagesBefore = await graph.confirmReading();
      const result = await runPhase(`raw ${phase}`, shape, graph.workload, 60_000, { onStart: () => cpu?.start() });
      if (cpu) raw.cpu = cpu.finish(result.completed);
      const details = await sagaDetails(result, graph.tap, 10_000, 'publish');
      raw[phase] = { ...figuresOf(result), ...details, stages: phaseStages(stagesBefore, await graph.confirmReading()) };
    }
    return { raw, describe };
  } finally {
    await graph.close();
    cleanups.delete(graph.close);
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
  const { troupe, describe, tap } = await benchTroupe(options);
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
      raw: raw ? raw.describe : 'skipped (--no-raw)',
      tap,
    },
    troupe,
    ...(raw ? { raw: raw.raw } : {}),
    summary: summaryOf(troupe, raw?.raw),
  };
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    say(finalLine(report.summary));
  } else {
    console.log(formatReport(report));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
