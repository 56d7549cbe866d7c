import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { consumedBy, intakeOf, type EventType, type Intake, type ServiceManifest } from '@troupe/contracts';
import { archiveNames, buildTopology, firstBrokerUrl, latencyBucketsSeconds, messagingDefaults, topologyNames, type Topology } from '@troupe/messaging';
import { openRawClient, type RawClient } from '@troupe/messaging/testing';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import { brokerAdmin, deleteNamespace } from '@troupe/order-testing';
import { workspaceRoot } from '@troupe/testing';
import { EventTap } from './event-tap';
import type { SagaTiming, Workload } from './phase';
import type { BucketCounts, StageReading } from './stage-latency';

/** One consumer queue of one service in the replay, and what its handler publishes on the happy path. */
export interface RawConsumer {
  queue: string;
  on: string;
  /** The reaction's first emitted type (its happy-path outcome), published before the ack; absent: ack only. */
  publishes?: string;
}

/** What one bare amqplib process does: the topology its worker declares, then its queues (or the archive). */
export interface RawServicePlan {
  service: string;
  intake: Intake;
  /** Declared by the process at start, as the worker declares it (retry and delay queues, DLQ, fence, archive). */
  topology: Topology;
  /** Unacked deliveries per consumer (the workers' `messagingDefaults.prefetch`). */
  prefetch: number;
  /** Queue intake: every consumer queue of the service. Archive intake: none. */
  consumers: RawConsumer[];
  /** Archive intake only: the stream it reads from 'next', acking each record and doing nothing else. */
  archiveReader?: { stream: string; prefetch: number };
}

export interface RawGraphPlan {
  prefix: string;
  eventsExchange: string;
  archiveStream: string;
  /** The saga's first event and the service that initiates it (order-service, after `POST /orders`). */
  start: { type: string; source: string };
  /** The event that ends a happy saga at the tap. */
  terminal: string;
  services: RawServicePlan[];
}

export interface RawGraphOptions {
  /** Namespace of the replay, e.g. `bench-raw-1a2b3c4d.`. */
  prefix: string;
  /**
   * Services whose worker definition passes `messaging: { archive: {} }` and so declares the archive with its
   * topology although its intake is queues (apps/order-view/src/worker.ts). A service whose intake is the archive
   * always declares it (createMessaging does). Default ['order-view'].
   */
  archiveDeclaredBy?: readonly string[];
  /** Default `messagingDefaults.prefetch` (32). */
  prefetch?: number;
  /** Default the archive intake's prefetch (`messagingDefaults.archivePrefetch`, 256). */
  archivePrefetch?: number;
  /** Default 'order.created'. */
  start?: string;
  /** Default 'order.confirmed'. */
  terminal?: string;
}

// The archive intake's prefetch lives in messagingDefaults once that intake exists; readArchive's default otherwise.
const defaultArchivePrefetch = (messagingDefaults as { archivePrefetch?: number }).archivePrefetch ?? 256;

/**
 * The replay's plan, derived from the manifests alone (pure): for each service the topology its worker declares
 * (`buildTopology` with the workers' defaults: retry delays, delivery limit, the archive where the worker declares
 * it), its consumer queues and, per queue, the happy-path publish of its reaction. A service fed from the archive
 * gets no queues and one stream reader instead.
 */
export function rawGraphPlan(manifests: readonly ServiceManifest[], options: RawGraphOptions): RawGraphPlan {
  const { prefix } = options;
  const archiveDeclaredBy = new Set(options.archiveDeclaredBy ?? ['order-view']);
  const prefetch = options.prefetch ?? messagingDefaults.prefetch;
  const archivePrefetch = options.archivePrefetch ?? defaultArchivePrefetch;
  const startType = options.start ?? 'order.created';
  const terminal = options.terminal ?? 'order.confirmed';
  const { archiveStream, eventsExchange } = archiveNames(prefix);
  const initiator = manifests.find((manifest) => manifest.initiates.some((initiation) => initiation.emits === startType));
  if (!initiator) throw new Error(`no manifest initiates ${startType}: the replay has no way to start a saga`);
  const services = manifests.map((manifest): RawServicePlan => {
    const intake = intakeOf(manifest);
    const fromArchive = intake === 'archive';
    // As createMessaging: an archive intake has no queues of its own and needs the archive to exist.
    const consumes = fromArchive ? [] : consumedBy(manifest);
    const declaresArchive = fromArchive || archiveDeclaredBy.has(manifest.service);
    const topology = buildTopology({
      prefix,
      service: manifest.service,
      consumes,
      retryDelaysMs: messagingDefaults.retryDelaysMs,
      deliveryLimit: messagingDefaults.deliveryLimit,
      ...(declaresArchive ? { archive: {} } : {}),
    });
    const names = topologyNames(prefix, manifest.service);
    const consumers = consumes.map((on): RawConsumer => {
      const first = manifest.reactions.find((reaction) => reaction.on === on)?.emits[0];
      return { queue: names.consumerQueue(on), on, ...(first ? { publishes: first } : {}) };
    });
    return {
      service: manifest.service,
      intake,
      topology,
      prefetch,
      consumers,
      ...(fromArchive ? { archiveReader: { stream: archiveStream, prefetch: archivePrefetch } } : {}),
    };
  });
  if (!services.some((service) => service.topology.queues.some((queue) => queue.name === archiveStream))) {
    throw new Error(`no service declares the archive ${archiveStream}: the tap reads it`);
  }
  return { prefix, eventsExchange, archiveStream, start: { type: startType, source: initiator.service }, terminal, services };
}

/** The saga the replay runs: from the start event, each event's first publishing consumer, until none publishes. */
export function happyPath(plan: RawGraphPlan): string[] {
  const chain = [plan.start.type];
  for (;;) {
    const current = chain[chain.length - 1]!;
    const next = plan.services.flatMap((service) => service.consumers).find((consumer) => consumer.on === current && consumer.publishes)?.publishes;
    if (!next || chain.includes(next)) return chain;
    chain.push(next);
  }
}

/** Every queue and exchange the replay declares (deduplicated), for deleting its namespace. */
export function declaredNames(plan: RawGraphPlan): { queues: string[]; exchanges: string[] } {
  const queues = new Set(plan.services.flatMap((service) => service.topology.queues.map((queue) => queue.name)));
  const exchanges = new Set(plan.services.flatMap((service) => service.topology.exchanges.map((exchange) => exchange.name)));
  return { queues: [...queues], exchanges: [...exchanges] };
}

/** What the child process (raw-graph-service.ts) reads from RAW_GRAPH_SERVICE. */
export interface RawServiceInput {
  url: string;
  eventsExchange: string;
  plan: RawServicePlan;
  /** Upper bounds (seconds) the process counts its confirm latencies into: the workers' own, so the figures compare. */
  confirmBucketsSeconds: readonly number[];
}

export interface RawGraph {
  plan: RawGraphPlan;
  tap: EventTap;
  workload: Workload;
  /** One bare amqplib process per service. */
  processes(): Array<{ app: string; pid: number }>;
  /** Every publishing process's confirm latency so far (named `raw <service>`); one that does not answer in 5 s is left out. */
  confirmReading(): Promise<StageReading>;
  /** Stops every process and deletes the namespace (queues, exchanges, the archive stream). Idempotent. */
  close(): Promise<void>;
}

const childScript = path.join('tools', 'bench', 'system', 'raw-graph-service.ts');

/**
 * Troupe's event graph without any store: one bare amqplib process per manifest (raw-graph-service.ts), each
 * declaring its worker's topology in a fresh namespace and reacting as its service does on the happy path. The
 * saga starts with a confirmed persistent `order.created` from this process and ends when the tap (the archive,
 * read from 'next') sees `order.confirmed`.
 */
export async function startRawGraph(url: string, manifests: readonly ServiceManifest[], onFailure: (why: string) => void = () => undefined): Promise<RawGraph> {
  const prefix = `bench-raw-${randomBytes(4).toString('hex')}.`;
  const plan = rawGraphPlan(manifests, { prefix });
  const root = workspaceRoot();
  const children: Array<{ service: string; child: ChildProcess; exited: Promise<void>; answers: Map<number, (histogram: BucketCounts) => void> }> = [];
  let nextRequest = 0;
  const tap = new EventTap();
  let client: RawClient | undefined;
  let closing = false;
  let failure: Error | undefined;
  const failed = new Set<(error: Error) => void>();
  const fail = (error: Error) => {
    if (closing || failure) return;
    failure = error;
    onFailure(error.message);
    for (const reject of failed) reject(error);
  };

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      await tap.close();
      for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.all(
        children.map(({ child, exited }) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          return exited.finally(() => clearTimeout(timer));
        }),
      );
      // What the replay declared, over AMQP; then anything else under the prefix, through the management API.
      const names = declaredNames(plan);
      const admin = client ?? (await openRawClient(url).catch(() => undefined));
      if (admin) {
        for (const queue of names.queues) await admin.deleteQueue(queue).catch(() => undefined);
        for (const exchange of names.exchanges) await admin.deleteExchange(exchange).catch(() => undefined);
        await admin.close();
      }
      await deleteNamespace(brokerAdmin(url, process.env.RABBITMQ_MANAGEMENT_URL || undefined), prefix).catch(() => undefined);
    })());

  try {
    await Promise.all(plan.services.map(async (service) => {
      // The first node of a cluster list: the bare baseline process connects to one node and stays free of @troupe/messaging.
      const input: RawServiceInput = { url: firstBrokerUrl(url), eventsExchange: plan.eventsExchange, plan: service, confirmBucketsSeconds: latencyBucketsSeconds };
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(root, childScript)], {
        cwd: root,
        env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? 'tsconfig.base.json', RAW_GRAPH_SERVICE: JSON.stringify(input) },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        process.stderr.write(chunk);
      });
      const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
        if (!closing) fail(new Error(`raw ${service.service} exited (${code ?? signal}) during the run: ${output.trim().slice(-500)}`));
        resolve();
      }));
      const answers = new Map<number, (histogram: BucketCounts) => void>();
      child.stdin!.on('error', () => undefined);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const answer = /^confirms (\d+) (.*)$/.exec(line);
        if (answer) answers.get(Number(answer[1]))?.(JSON.parse(answer[2]!) as BucketCounts);
      });
      children.push({ service: service.service, child, exited, answers });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`raw ${service.service} not ready within 60 s: ${output}`)), 60_000);
        let stdout = '';
        child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          if (/^ready$/m.test(stdout)) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`raw ${service.service} exited before ready: ${output.trim().slice(-500)}`));
        });
      });
    }));
    client = await openRawClient(url);
    await tap.start(url, plan.archiveStream, (why) => fail(new Error(why)));
  } catch (error) {
    await close();
    throw error;
  }

  const workload: Workload = async (_index, startedAt): Promise<SagaTiming> => {
    if (failure) throw failure;
    const orderId = randomUUID();
    // A real order.created envelope, as order-service publishes it: persistent, mandatory, confirmed.
    const event = sampleEvent(plan.start.type as EventType, { orderId } as never, { source: plan.start.source });
    const body = Buffer.from(JSON.stringify(event));
    let reject: ((error: Error) => void) | undefined;
    const broken = new Promise<never>((_, rejectWith) => {
      reject = rejectWith;
      failed.add(rejectWith);
    });
    try {
      const terminal = tap.next(orderId, 'terminal');
      terminal.catch(() => undefined); // a tap failure also rejects `broken`, which is what is awaited
      await Promise.race([client!.publish(plan.eventsExchange, plan.start.type, body, { mandatory: true, messageId: event.id, appId: plan.start.source, type: plan.start.type, contentType: 'application/json' }), broken]);
      const seen = await Promise.race([terminal, broken]);
      return { id: orderId, startedAt, endedAt: seen.arrivedAt, outcome: seen.type.replace(/^order\./, '') };
    } finally {
      failed.delete(reject!);
    }
  };

  return {
    plan,
    tap,
    workload,
    processes: () => children.flatMap(({ service, child }) => (child.pid === undefined ? [] : [{ app: `raw ${service}`, pid: child.pid }])),
    confirmReading: async () => {
      const readings = await Promise.all(
        children.map(({ service, child, answers }) =>
          new Promise<[string, BucketCounts] | undefined>((resolve) => {
            const request = (nextRequest += 1);
            const timer = setTimeout(() => {
              answers.delete(request);
              resolve(undefined);
            }, 5_000);
            answers.set(request, (histogram) => {
              clearTimeout(timer);
              answers.delete(request);
              resolve([`raw ${service}`, histogram]);
            });
            child.stdin!.write(`confirms ${request}\n`);
          }),
        ),
      );
      return new Map(readings.flatMap((reading) => (reading ? [[reading[0], { confirm: reading[1] }] as const] : [])));
    },
    close,
  };
}
