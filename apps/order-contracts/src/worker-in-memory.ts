// Runs one app's real worker definition in memory: its `prepare` hook (→ state), handlers and routes over an in-memory
// SQLite store, with a messaging stand-in whose `transaction` collects what HTTP commands emit. No broker.
import { type AnyEvent, type EventEnvelope } from '@troupe/contracts';
import type { HandlerMap, Messaging } from '@troupe/messaging';
import { loadConfig, validateHandlers, workerConfigFields, type WorkerContext, type WorkerDefinition } from '@troupe/worker';
import { inMemoryService, type InMemoryService } from '@troupe/worker/testing';

export interface WorkerInMemory {
  readonly service: string;
  readonly memory: InMemoryService;
  /** Runs the handler in one transaction; resolves with what it emitted, rejects with what it threw. */
  deliver(event: EventEnvelope): Promise<AnyEvent[]>;
  /** Takes what HTTP commands emitted (through `messaging.transaction`) since the last call. */
  takeCommandEvents(): AnyEvent[];
  close(): Promise<void>;
}

// The hooks are contravariant in the config fields, so a definition with its own fields is one of these only
// structurally; the harness reads nothing but the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition = WorkerDefinition<any, any, any>;

export async function workerInMemory(definition: AnyDefinition): Promise<WorkerInMemory> {
  const { service } = definition;
  const commandEvents: AnyEvent[] = [];
  const handlers: HandlerMap = {};
  const { catalogue } = definition;
  const memory = await inMemoryService(catalogue, service, handlers, async (http, store) => {
    const messaging = {
      transaction: (work) =>
        store.transaction((session) => {
          const emitted: AnyEvent[] = [];
          const outbox = {
            emit: async (type, data) => {
              const event = catalogue.createEvent(type, data, { source: service });
              emitted.push(event as AnyEvent);
              return event;
            },
          } as Parameters<typeof work>[1];
          return work(session, outbox).then((result) => {
            commandEvents.push(...emitted);
            return result;
          });
        }),
    } as Pick<Messaging, 'transaction'> as Messaging;
    const config = loadConfig({}, { ...workerConfigFields(definition.defaultPort), ...(definition.config ?? {}) });
    const prepared = { service, config, store, logger: quietLogger, metrics: unused('metrics'), tracing: unused('tracing') };
    // As the chassis does: prepare first, its result is the state handlers and routes share.
    const state: unknown = await definition.prepare?.(prepared as never);
    const context = { ...prepared, messaging, broker: unused('broker'), state } as unknown as WorkerContext;
    const built = definition.handlers?.(context) ?? {};
    validateHandlers(definition, built);
    Object.assign(handlers, built);
    await definition.routes?.(http, context);
  }, { validateEmits: false }); // verifyContractEdges validates and attributes every emitted event itself
  return {
    service,
    memory,
    deliver: (event) => memory.deliver(event),
    takeCommandEvents: () => commandEvents.splice(0),
    close: () => memory.close(),
  };
}

const quietLogger = new Proxy({}, { get: (_target, name) => (name === 'child' ? () => quietLogger : () => undefined) }) as WorkerContext['logger'];

/** Parts of a running worker the in-memory run has none of: touching one fails loudly instead of half-working. */
function unused(part: string): never {
  return new Proxy({}, { get: (_target, name) => { throw new Error(`the in-memory worker has no ${part} (read ${String(name)})`); } }) as never;
}
