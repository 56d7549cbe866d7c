import { randomBytes, randomUUID } from 'node:crypto';
import { type EventOf } from '@troupe/contracts';
// The order catalogue is these tests' worked example of a catalogue; the library itself names none.
import { createEvent, orderCatalogue } from '@troupe/order-catalogue';
import { createSqliteStore, parseStoreFaults, withTransactionReruns, type Store, type StoredDocument } from '@troupe/persistence';
import { connectBroker, type BrokerConnection, type BrokerOptions } from '../connection/broker-connection';
import { createMessaging, type Messaging, type MessagingOptions } from '../messaging';
import { deleteTopologies } from '../testing';
import type { Topology } from '../topology/topology';

export const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';

/**
 * `STORE_FAULTS=rerun:<share>` in the test run's environment (as for a worker) makes every store a test does not
 * bring itself re-run that share of its transactions, as MongoDB does: the whole tier then runs under those re-runs.
 */
function withStoreFaults(store: Store): Store {
  const faults = parseStoreFaults(process.env['STORE_FAULTS']);
  return faults ? withTransactionReruns(store, { share: faults.rerunShare }) : store;
}

export function uniquePrefix(): string {
  return `t-${randomBytes(4).toString('hex')}.`;
}

export interface EffectDoc extends StoredDocument {
  count: number;
}

export interface RunningService {
  messaging: Messaging;
  broker: BrokerConnection;
  store: Store;
}

/** Owns everything a test starts (connections, services, stores, topology) and tears it down in reverse. */
export class Harness {
  readonly prefix = uniquePrefix();
  private readonly topologies: Topology[] = [];
  private readonly cleanups: Array<() => Promise<unknown>> = [];

  async service(
    options: Omit<MessagingOptions, 'broker' | 'store' | 'prefix' | 'catalogue'> & {
      url?: BrokerOptions['url'];
      /** The rest of the connection's options (a node list's `firstNode`, `connectionName`, a logger). */
      brokerOptions?: Omit<BrokerOptions, 'url'>;
      store?: Store;
      catalogue?: MessagingOptions['catalogue'];
    },
  ): Promise<RunningService> {
    const broker = connectBroker({ reconnect: { maxDelayMs: 250 }, ...options.brokerOptions, url: options.url ?? brokerUrl });
    const store = options.store ?? withStoreFaults(createSqliteStore({ file: ':memory:' }));
    const messaging = createMessaging({ retryDelaysMs: [100, 200, 400], catalogue: orderCatalogue, ...options, broker, store, prefix: this.prefix });
    this.topologies.push(messaging.topology);
    this.cleanups.push(async () => {
      await messaging.stop({ timeoutMs: 2000 });
      await broker.close();
      if (!options.store) await store.close();
    });
    await broker.whenConnected(5000);
    await messaging.start();
    return { messaging, broker, store };
  }

  /** Remembers a topology declared outside `service()` (e.g. by a child process) for deletion. */
  track(topology: Topology): void {
    this.topologies.push(topology);
  }

  onDispose(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  async dispose(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup().catch(() => undefined);
    await deleteTopologies(brokerUrl, this.topologies);
  }
}

export function stockReserved(orderId: string = randomUUID()): EventOf<'stock.reserved'> {
  return createEvent('stock.reserved', { orderId, items: [{ sku: 'SKU-001', quantity: 1 }] }, { source: 'inventory-service' });
}

/** Bumps a per-key counter inside the handler's transaction: the observable "effect". */
export async function countEffect(store: { collection<T extends StoredDocument>(name: string): import('@troupe/persistence').Collection<T> }, key: string): Promise<void> {
  const effects = store.collection<EffectDoc>('effects');
  const current = await effects.get(key);
  if (current) await effects.update({ ...current, count: current.count + 1 }, current.version!);
  else await effects.insert({ _id: key, count: 1 });
}

export async function effectCount(store: Store, key: string): Promise<number> {
  return (await store.collection<EffectDoc>('effects').get(key))?.count ?? 0;
}

export async function totalEffects(store: Store): Promise<{ keys: number; sum: number; max: number }> {
  const all = await store.collection<EffectDoc>('effects').find();
  return { keys: all.length, sum: all.reduce((total, doc) => total + doc.count, 0), max: Math.max(0, ...all.map((doc) => doc.count)) };
}
