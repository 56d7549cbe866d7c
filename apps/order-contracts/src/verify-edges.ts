// Contract verification that runs the code: every producer's real handlers and HTTP commands produce the samples,
// and every consumer's real handler runs on each sample and each schema example of what it consumes.
import { newId, edgesOf, emittedBy, type AnyEvent, type ContractEdge, type EventType, type ServiceManifest } from '@troupe/contracts';
import { createEvent, decodeEvent } from '@troupe/order-catalogue';
import { examplesOf } from '@troupe/order-catalogue/testing';
import { NonRecoverableError } from '@troupe/messaging';
import type { WorkerInMemory } from './worker-in-memory';

/**
 * What a consumer needs before it can handle one event of an order: `cold` is how it must answer without it
 * ('retries': a recoverable throw, the pipeline retries; 'dead-letters': a NonRecoverableError), `arrange`
 * applies it to a fresh consumer and returns the event to deliver next (re-addressed if the order got a new id).
 */
export interface Prerequisite {
  cold: 'retries' | 'dead-letters';
  arrange(consumer: WorkerInMemory, event: AnyEvent): Promise<AnyEvent>;
}

export interface ContractSystem {
  manifests: readonly ServiceManifest[];
  /** Opens a fresh in-memory instance of each service (empty store, `prepare` run). */
  open: Record<string, () => Promise<WorkerInMemory>>;
  /** Drives the system: HTTP commands on the open services, whose events `verifyContractEdges` then routes. */
  scenarios: ReadonlyArray<(services: Record<string, WorkerInMemory>) => Promise<void>>;
  prerequisites?: Record<string, Partial<Record<EventType, Prerequisite>>>;
}

export interface EdgeReport {
  edge: ContractEdge;
  /** Producer samples and schema examples the consumer ran on. */
  samples: number;
  examples: number;
  failures: string[];
}

const maxAttempts = 5;

/** Runs the whole check and reports every manifest edge with its failures (none = the edge holds). */
export async function verifyContractEdges(system: ContractSystem): Promise<EdgeReport[]> {
  const edges = edgesOf(system.manifests);
  const reports = new Map(edges.map((edge) => [key(edge.producer, edge.event, edge.consumer), { edge, samples: 0, examples: 0, failures: [] as string[] }]));
  const fail = (producer: string, event: string, consumer: string | '*', why: string) => {
    for (const report of reports.values()) {
      if (report.edge.producer === producer && report.edge.event === event && (consumer === '*' || report.edge.consumer === consumer)) report.failures.push(why);
    }
  };
  const samples = new Map<string, AnyEvent[]>();
  const consumersOf = (type: EventType) => system.manifests.filter((m) => m.reactions.some((r) => r.on === type)).map((m) => m.service);

  /** Every event a producer emits is validated through the codec, as its consumers decode it, and kept as a sample. */
  const record = (emitted: readonly AnyEvent[], producer: string): AnyEvent[] => {
    const accepted: AnyEvent[] = [];
    const declared = new Set(emittedBy(system.manifests.find((m) => m.service === producer)!));
    for (const event of emitted) {
      const decoded = decodeEvent(Buffer.from(JSON.stringify(event)), 256 * 1024);
      if (!decoded.ok) fail(producer, event.type, '*', `${producer} emitted an invalid ${event.type} (${decoded.reason}: ${decoded.errors.join('; ')}): ${JSON.stringify(event.data)}`);
      else if (event.source !== producer) fail(producer, event.type, '*', `${event.type} names source ${event.source}, not ${producer}`);
      else if (!declared.has(event.type)) fail(producer, event.type, '*', `${producer} emits ${event.type}, which its manifest does not declare`);
      else {
        const list = samples.get(key(producer, event.type)) ?? [];
        if (list.length < 8 && !list.some((s) => sameShape(s, decoded.event))) list.push(decoded.event);
        samples.set(key(producer, event.type), list);
        accepted.push(decoded.event);
      }
    }
    return accepted;
  };

  // 1. The choreography in memory: each scenario's commands, then every emitted event routed to its consumers.
  for (const scenario of system.scenarios) {
    const services: Record<string, WorkerInMemory> = {};
    for (const m of system.manifests) services[m.service] = await system.open[m.service]!();
    try {
      await scenario(services);
      const queue: Array<{ event: AnyEvent; consumer: string; attempt: number }> = [];
      const enqueue = (events: AnyEvent[]) => events.forEach((event) => consumersOf(event.type).forEach((consumer) => queue.push({ event, consumer, attempt: 1 })));
      const drainCommands = () => Object.values(services).forEach((s) => enqueue(record(s.takeCommandEvents(), s.service)));
      drainCommands();
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { event, consumer, attempt } = next;
        try {
          enqueue(record(await services[consumer]!.deliver(event), consumer));
        } catch (error) {
          if (!(error instanceof NonRecoverableError) && attempt < maxAttempts) queue.push({ ...next, attempt: attempt + 1 });
          else fail(event.source, event.type, consumer, `${consumer} failed on ${event.type} in the choreography: ${describe(error)}`);
        }
        drainCommands();
      }
    } finally {
      await Promise.all(Object.values(services).map((s) => s.close()));
    }
  }

  // 2. Each consumer on the schema examples too (their output is more producer samples), then 3. on every sample.
  const examples = (edge: ContractEdge) => examplesOf(edge.event).map((data) => createEvent(edge.event, data as never, { source: edge.producer }) as AnyEvent);
  // One instance per consumer; each run uses an order of its own (a fresh id), so runs cannot see each other.
  const instances = new Map<string, Promise<WorkerInMemory>>();
  const instance = (service: string) => {
    if (!instances.has(service)) instances.set(service, system.open[service]!());
    return instances.get(service)!;
  };
  const run = async (edge: ContractEdge, sample: AnyEvent): Promise<string | undefined> => {
    const prerequisite = system.prerequisites?.[edge.consumer]?.[edge.event];
    const consumer = await instance(edge.consumer);
    if (prerequisite) {
      try {
        await consumer.deliver(readdressed(sample, newId()));
      } catch (error) {
        const nonRecoverable = error instanceof NonRecoverableError;
        if (nonRecoverable !== (prerequisite.cold === 'dead-letters')) return `without its prerequisite ${edge.consumer} should ${prerequisite.cold === 'retries' ? 'retry' : 'dead-letter'}, but threw ${describe(error)}`;
      }
    }
    try {
      const event = readdressed(sample, newId());
      const delivered = prerequisite ? await prerequisite.arrange(consumer, event) : event;
      record(await consumer.deliver(delivered), edge.consumer);
      return undefined;
    } catch (error) {
      return `${edge.consumer} failed on ${JSON.stringify(sample.data)}: ${describe(error)}`;
    }
  };
  for (const report of reports.values()) {
    for (const event of examples(report.edge)) {
      report.examples += 1;
      const failure = await run(report.edge, event);
      if (failure) report.failures.push(`example: ${failure}`);
    }
  }
  for (const report of reports.values()) {
    const produced = samples.get(key(report.edge.producer, report.edge.event)) ?? [];
    if (produced.length === 0 && report.failures.length === 0) report.failures.push(`${report.edge.producer} never emitted a valid ${report.edge.event} in the scenarios: add one that makes it`);
    for (const event of produced) {
      report.samples += 1;
      const failure = await run(report.edge, event);
      if (failure) report.failures.push(`sample: ${failure}`);
    }
  }
  await Promise.all([...instances.values()].map(async (opened) => (await opened).close()));
  return [...reports.values()];
}

/** The same event for another order (payload `orderId`, `subject` and correlation follow). */
export function readdressed(event: AnyEvent, orderId: string): AnyEvent {
  return createEvent(event.type, { ...event.data, orderId } as never, { source: event.source }) as AnyEvent;
}

const key = (...parts: string[]) => parts.join(' ');
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
/** Samples differing only in ids and times add nothing; keep one per shape of payload. */
const sameShape = (a: AnyEvent, b: AnyEvent) => shape(a.data) === shape(b.data);
const shape = (value: unknown): string =>
  JSON.stringify(value, (name, v) => (typeof v === 'string' && /id$|At$/i.test(name) ? '' : v));
