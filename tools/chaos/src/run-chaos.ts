import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { topologyNames } from '@troupe/messaging';
import { expectStatus } from '@troupe/order-testing';
import { brokerControl } from './broker-control';
import { ensureLocalCluster, nodeControl, type NodeControl } from './cluster-control';
import { ConsumerWatch, type ConsumerRecovery } from './consumer-watch';
import { checkPoison, eventBindings, held, queueState, readDeadLetters, type DeadLetterSeen, type PoisonCheck, type QueueState } from './broker-accounting';
import { startChaosSystem, type ChaosSystem } from './chaos-system';
import { driveOrders, type DrivenOrder } from './driver';
import { EventTap } from './event-tap';
import { launchPlan } from './launch';
import { consumerRecoveryBoundMs, type ChaosOptions } from './options';
import { planOrders, scarceLevel, scarceSkus } from './order-mix';
import { buildPoison, type PoisonMessage } from './poison';
import { seededRandom } from './random';
import { formatReport, longestGap, type FaultFigures } from './report';
import { buildSchedule, describeFault, formatSchedule, type Fault } from './schedule';
import { snapshotSource } from './snapshot-source';
import { allTargets, targetName } from './targets';
import { finalLine, judge, passes, type Verdict } from './verdict';
import { waitForQuiet } from './quiet';

export interface ChaosIo {
  /** Progress, on stderr for the CLI. */
  log(line: string): void;
  /** True once the run should wind down (Ctrl-C): every loop checks it. */
  shouldStop(): boolean;
}

export interface ChaosResult {
  verdict: Verdict;
  figures: FaultFigures;
  report: string;
  line: string;
  passed: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sleepUntil(at: number, io: ChaosIo): Promise<void> {
  while (Date.now() < at && !io.shouldStop()) await sleep(Math.min(200, at - Date.now()));
}

/**
 * One chaos run: start the system, drive the orders while the schedule's faults happen, wait for quiet, then judge every
 * order (the invariants, goodput, second effects) and every queue (poison in its DLQs, nothing left unconsumed). Always stops
 * what it started, gives the broker back if it stopped it, and deletes its namespace.
 */
export async function runChaos(options: ChaosOptions, io: ChaosIo): Promise<ChaosResult> {
  const startedWall = Date.now();
  const loadBefore = os.loadavg();
  const runId = randomUUID().slice(0, 8);
  const plan = planOrders(options.orders, seededRandom(options.seed), runId);
  const schedule = buildSchedule(options, seededRandom(options.seed ^ 0x5bd1e995));
  const sagaDeadlineMs = options.sagaDeadlineMs ?? 30_000;
  const windowMs = options.durationS * 1000;
  io.log(`seed ${options.seed}: ${options.orders} orders over ${Math.round(windowMs * 0.9) / 1000} s, saga deadline ${sagaDeadlineMs} ms, ${(options.duplicateRate * 100).toFixed(0)} % duplicates`);
  io.log(`fault schedule (from the moment the first order is placed):\n${formatSchedule(schedule)}`);

  const control = brokerControl(options.rabbitmqctl);
  if (schedule.some((fault) => fault.kind === 'broker-restart')) {
    await control.check().catch((error: unknown) => {
      throw new Error(`the broker restarts need \`${options.rabbitmqctl.join(' ')}\` (root, or CHAOS_RABBITMQCTL / --rabbitmqctl): ${String(error)}`);
    });
  }
  // The node-loss scenario runs on the local cluster: the workers get every node, the run's own connections (tap, DLQ
  // reads, management API) troupe-1 only, which stays up, so the tap's queue lives there.
  let runUrl = options.rabbitmqUrl;
  let managementUrl = options.managementUrl;
  let workerRabbitmqUrl: string | undefined;
  let nodeCtl: NodeControl | undefined;
  if (options.nodeLosses > 0) {
    if (options.lostNode < 2 || options.lostNode > options.clusterSize) throw new Error(`the lost node must be one of troupe-2…troupe-${options.clusterSize}, not ${options.lostNode}`);
    io.log(`ensuring the local cluster of ${options.clusterSize} nodes (tools/infra/cluster.mjs)`);
    const cluster = await ensureLocalCluster(options.clusterSize, io.log);
    runUrl = cluster.urls[0]!;
    managementUrl = cluster.managementUrls[0]!;
    workerRabbitmqUrl = cluster.rabbitmqUrl;
    nodeCtl = nodeControl(cluster, options.lostNode, io.log);
    io.log(`cluster: ${cluster.nodes.map((node) => node.name).join(', ')}; workers get RABBITMQ_URL=${cluster.urls.map((url) => new URL(url).port).join(',')} (ports), ${nodeCtl.node} is the one to lose`);
  }
  const launch = launchPlan(options.fromSource);
  io.log(`starting ${allTargets(options.twoInstances, options.instances).length} worker processes: ${launch.describe}`);
  const system: ChaosSystem = await startChaosSystem({
    rabbitmqUrl: runUrl,
    ...(managementUrl ? { managementUrl } : {}),
    ...(workerRabbitmqUrl ? { workerRabbitmqUrl } : {}),
    twoInstances: options.twoInstances,
    instances: options.instances,
    ...(options.sagaDeadlineMs === undefined ? {} : { sagaDeadlineMs: options.sagaDeadlineMs }),
    logLevel: options.logLevel,
    startTimeoutMs: 120_000,
    launch,
    log: io.log,
  });
  const orderIndex = new Map<string, number>();
  const tap = new EventTap({
    url: runUrl,
    prefix: system.prefix,
    seed: options.seed,
    duplicateRate: options.duplicateRate,
    orderIndexOf: (orderId) => orderIndex.get(orderId),
    log: io.log,
  });
  const watch = nodeCtl ? new ConsumerWatch(system.admin, system.prefix) : undefined;
  try {
    io.log(`system up in ${((Date.now() - startedWall) / 1000).toFixed(1)} s, namespace ${system.prefix}`);
    const api = snapshotSource(system.urlOf, system.adminToken);
    for (const sku of scarceSkus) expectStatus(await api.stock.set(sku, scarceLevel), [200, 204], `PUT /stock/${sku}`);
    await tap.start();
    watch?.start();
    const acceptedAt: number[] = [];

    const figures: FaultFigures = {
      recoveries: { kill: [], 'broker-restart': [], 'connection-cut': [], 'node-loss': [] },
      failed: [],
      duplicates: { published: 0, ofEvents: 0, givenUp: 0, byType: tap.duplicatedByType },
      poison: { published: 0, scheduled: schedule.filter((fault) => fault.kind === 'poison').length, inEveryDlq: 0 },
      nodeLosses: [],
    };
    const poisonSent: PoisonMessage[] = [];
    const poisonNotPublished: string[] = [];
    const t0 = Date.now();
    const t0Perf = performance.now();
    const elapsed = () => `+${((Date.now() - t0) / 1000).toFixed(1)} s`;

    const runFault = async (fault: Fault): Promise<void> => {
      io.log(`${elapsed()} ${describeFault(fault)}`);
      const started = performance.now();
      try {
        switch (fault.kind) {
          case 'kill': {
            const recovered = await system.kill(fault.target, fault.downMs);
            figures.recoveries.kill.push(recovered);
            io.log(`${elapsed()} ${targetName(fault.target)} healthy again, ${(recovered / 1000).toFixed(1)} s after the kill`);
            return;
          }
          case 'broker-restart': {
            await control.stopApp();
            const stoppedAt = performance.now();
            await sleep(fault.stopMs);
            await control.startApp();
            const startedAt = performance.now();
            await system.waitAllHealthy(120_000);
            figures.recoveries['broker-restart'].push(performance.now() - started);
            const secs = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
            io.log(
              `${elapsed()} every worker healthy again, ${secs(started, performance.now())} after stop_app was issued ` +
                `(stop_app ${secs(started, stoppedAt)}, then ${secs(stoppedAt, startedAt)} until start_app answered, workers back ${secs(startedAt, performance.now())} after it answered)`,
            );
            return;
          }
          case 'connection-cut': {
            if (!system.proxy) throw new Error('no cut proxy in this run (the workers reach the cluster directly)');
            await system.proxy.cut();
            await sleep(fault.cutMs);
            await system.proxy.restore();
            await system.waitAllHealthy(120_000);
            figures.recoveries['connection-cut'].push(performance.now() - started);
            io.log(`${elapsed()} every worker healthy again, ${((performance.now() - started) / 1000).toFixed(1)} s after the cut`);
            return;
          }
          case 'scale-in':
            await system.retire(fault.targets);
            return;
          case 'node-loss': {
            if (!nodeCtl || !watch) throw new Error('a node loss needs the local cluster');
            const issuedAt = performance.now();
            await nodeCtl.stopApp();
            const stoppedAt = performance.now();
            await sleep(fault.downMs);
            const startIssuedAt = performance.now();
            await nodeCtl.startApp();
            const startedAt = performance.now();
            await system.waitAllHealthy(120_000);
            figures.recoveries['node-loss'].push(performance.now() - started);
            // A few polls more, so consumers that were still coming back when start_app answered are seen.
            await sleep(1_000);
            const consumers: ConsumerRecovery = watch.recovery(issuedAt, nodeCtl.node);
            figures.nodeLosses.push({ node: nodeCtl.node, issuedAt, stopAppMs: stoppedAt - issuedAt, downMs: startIssuedAt - stoppedAt, startAppMs: startedAt - startIssuedAt, consumers });
            const back = consumers.backAt === undefined || consumers.lostAt === undefined ? 'no consumer seen missing' : `each queue's consumers back within ${((consumers.longestGapMs ?? 0) / 1000).toFixed(1)} s of going away (all ${((consumers.backAt - consumers.lostAt) / 1000).toFixed(1)} s after the first went)`;
            io.log(`${elapsed()} ${nodeCtl.node} running again; ${back}; ${consumers.onLostNode} of ${consumers.consumers} consumers were on it`);
            return;
          }
          case 'poison': {
            const message = buildPoison(runId, fault.number, fault.poison, fault.routingKey);
            try {
              await tap.publishPoison(message);
              poisonSent.push(message);
            } catch {
              poisonNotPublished.push(message.tag);
            }
            return;
          }
        }
      } catch (error) {
        figures.failed.push(`${describeFault(fault)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        io.log(`${elapsed()} FAULT FAILED: ${describeFault(fault)}: ${String(error)}`);
      } finally {
        // Never leave the shared broker stopped, whatever failed in between.
        if (control.stopped) await control.startApp().catch((error: unknown) => io.log(`start_app failed: ${String(error)}`));
        if (nodeCtl?.stopped) await nodeCtl.startApp().catch((error: unknown) => io.log(`start_app of ${nodeCtl?.node} failed: ${String(error)}`));
      }
    };

    const faultsDone = (async () => {
      const running: Promise<void>[] = [];
      for (const fault of schedule) {
        await sleepUntil(t0 + fault.atMs, io);
        if (io.shouldStop()) break;
        running.push(runFault(fault));
      }
      await Promise.all(running);
    })();
    let placed = 0;
    const progress = setInterval(() => io.log(`${elapsed()} ${placed}/${plan.length} orders placed, ${tap.counts.distinct} events seen, ${tap.counts.duplicatesPublished} duplicated`), 15_000);
    let driven: DrivenOrder[];
    try {
      driven = await driveOrders(api, plan, runId, {
        spreadMs: windowMs * 0.9,
        maxInFlight: 64,
        retryForMs: 120_000,
        shouldStop: io.shouldStop,
        onPlaced: (orderId, index) => {
          acceptedAt.push(performance.now());
          orderIndex.set(orderId, index);
          placed++;
        },
      });
      await faultsDone;
    } finally {
      clearInterval(progress);
    }
    io.log(`${elapsed()} every order placed and every fault over; waiting for quiet (at most ${(sagaDeadlineMs + 120_000) / 1000} s)`);

    const initialStock = Object.fromEntries(scarceSkus.map((sku) => [sku, scarceLevel]));
    const quiet = await waitForQuiet({
      api,
      admin: system.admin,
      prefix: system.prefix,
      orderIds: driven.flatMap((order) => (order.orderId ? [order.orderId] : [])),
      initialStock,
      timeoutMs: sagaDeadlineMs + 120_000,
      runIdle: () => tap.idle(),
      shouldStop: io.shouldStop,
      log: (line) => io.log(`${elapsed()} ${line}`),
    });
    io.log(`${elapsed()} ${quiet.quiet ? 'quiet' : 'NOT quiet'} after ${(quiet.waitedMs / 1000).toFixed(1)} s; reading the dead-letter queues`);

    let queues: QueueState | undefined = quiet.queues;
    let deadLetters: DeadLetterSeen[] = [];
    let poison: PoisonCheck[] = [];
    let accountingError: string | undefined;
    try {
      queues = await queueState(system.admin, system.prefix);
      deadLetters = await readDeadLetters(runUrl, queues.dlq);
      const bindings = await eventBindings(system.admin, topologyNames(system.prefix, 'chaos').eventsExchange, queues.consumer[0]?.vhost ?? '/');
      poison = checkPoison(poisonSent, deadLetters, bindings, system.prefix);
    } catch (error) {
      accountingError = `broker accounting failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    figures.duplicates = { published: tap.counts.duplicatesPublished, ofEvents: tap.counts.distinct, givenUp: tap.counts.duplicatesGivenUp, byType: tap.duplicatedByType };
    figures.poison.published = poisonSent.length;
    figures.poison.inEveryDlq = poison.filter((check) => check.expectedIn.length > 0 && check.expectedIn.every((queue) => check.foundIn.includes(queue))).length;

    const readError = [quiet.readError, accountingError].filter(Boolean).join('; ');
    const verdict = judge({
      driven,
      ...(quiet.snapshot ? { snapshot: quiet.snapshot } : {}),
      invariantViolations: quiet.violations,
      ...(readError ? { readError } : {}),
      eventsOf: (orderId) => tap.events(orderId),
      poison,
      poisonNotPublished,
      deadLetters,
      ...(queues ? { queues } : {}),
      crashes: system.crashes,
    });
    for (const fault of figures.failed) verdict.violations.push(`fault did not run as scheduled: ${fault}`);
    for (const loss of figures.nodeLosses) {
      const { lostAt, backAt, short } = loss.consumers;
      if (lostAt !== undefined && backAt === undefined) verdict.violations.push(`node loss of ${loss.node}: consumers never came back on ${short.join(', ')}`);
      const gap = loss.consumers.longestGapMs;
      if (lostAt !== undefined && backAt !== undefined && gap !== undefined && gap > consumerRecoveryBoundMs) {
        verdict.violations.push(`node loss of ${loss.node}: a queue's consumers back only ${(gap / 1000).toFixed(1)} s after going away (bound ${consumerRecoveryBoundMs / 1000} s)`);
      }
    }
    // Events only while orders were being placed: after the last one the system winds down to quiet, and the
    // tok_hang orders' deadlines leave gaps that are no stall.
    const placing = [Math.min(...acceptedAt), Math.max(...acceptedAt)] as const;
    const eventsWhilePlacing = tap.arrivalTimes.filter((at) => at >= placing[0] && at <= placing[1]);
    figures.gaps = { acceptedPostMs: longestGap(acceptedAt), publishedEventMs: longestGap(eventsWhilePlacing), t0: t0Perf };
    const cancels = driven.flatMap((order) => (order.cancel && 'status' in order.cancel ? [order.cancel] : []));
    const report = formatReport(verdict, figures, {
      client: {
        placed: driven.filter((order) => order.orderId).length,
        retriedPosts: driven.filter((order) => order.placeAttempts > 1).length,
        slowestPlaceMs: Math.max(0, ...driven.map((order) => order.placeMs)),
        cancels: cancels.length,
        cancels409: cancels.filter((cancel) => cancel.status === 409).length,
        retriedCancels: cancels.filter((cancel) => cancel.attempts > 1).length,
      },
      seed: options.seed,
      replay: `npm run chaos -- ${options.scenario === 'default' ? '' : `--scenario ${options.scenario} `}${options.instances > 1 ? `--instances ${options.instances} ` : ''}--seed ${options.seed}`,
      namespace: system.prefix,
      launch: launch.describe,
      windowS: options.durationS,
      quiet,
      deadLetters: { poisonCopies: deadLetters.filter((letter) => letter.poisonTag).length, other: deadLetters.filter((letter) => !letter.poisonTag).length },
      queues: { consumer: held(queues?.consumer ?? []), retry: held(queues?.retry ?? []), dlq: held(queues?.dlq ?? []) },
      loadBefore,
      loadAfter: os.loadavg(),
      wallS: (Date.now() - startedWall) / 1000,
    });
    if (!passes(verdict) && system.crashes.length > 0) io.log(`crashed workers' last lines:\n${system.crashes.map((crash) => `--- ${crash.worker}\n${crash.tail}`).join('\n')}`);
    return { verdict, figures, report, line: finalLine(verdict), passed: passes(verdict) };
  } finally {
    await watch?.stop();
    await tap.close();
    if (nodeCtl?.stopped) await nodeCtl.startApp().catch((error: unknown) => io.log(`start_app of ${nodeCtl?.node} failed: ${String(error)} — start it yourself (npm run infra -- --cluster ${options.clusterSize})`));
    if (control.stopped) await control.startApp().catch((error: unknown) => io.log(`start_app failed: ${String(error)} — run \`rabbitmqctl start_app\` yourself`));
    await system.stop();
  }
}
