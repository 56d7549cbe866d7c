import assert from 'node:assert/strict';
import { newId } from '@troupe/contracts';
import { createEvent } from '@troupe/order-catalogue';
import { createSqliteStore, type Store } from '@troupe/persistence';
import { noTracing } from '@troupe/tracing';
import type { ConfirmPublisher } from '../publish/confirm-publisher';
import { silentLogger } from '../logger';
import { noopMetrics, type MessagingMetrics } from '../metrics';
import { OutboxDispatcher } from './dispatcher';
import { OutboxRelay } from './relay';
import { outboxCollection, type OutboxRow } from './row';
import { writeOutboxRow } from './writer';
import { BrokerUnavailableError } from '../errors';

/** Confirms every publish at once and remembers the routing keys, as the broker would. */
function confirmingPublisher(): ConfirmPublisher & { published: string[] } {
  const published: string[] = [];
  return { published, publish: async (_exchange: string, routingKey: string) => void published.push(routingKey) } as unknown as ConfirmPublisher & { published: string[] };
}

async function writeRow(store: Store): Promise<OutboxRow> {
  const event = createEvent('stock.reserved', { orderId: newId(), items: [{ sku: 'SKU-001', quantity: 1 }] }, { source: 'inventory-service' });
  return store.transaction((session) => writeOutboxRow(session, event, 10_000));
}

describe('outbox rows: sent marks and pruning', () => {
  let store: Store;
  let publisher: ReturnType<typeof confirmingPublisher>;
  let dispatcher: OutboxDispatcher;
  const rows = () => store.collection<OutboxRow>(outboxCollection);

  beforeEach(() => {
    store = createSqliteStore({ file: ':memory:' });
    publisher = confirmingPublisher();
    dispatcher = new OutboxDispatcher(store, publisher, 'events', noopMetrics, silentLogger, noTracing('test'));
  });
  afterEach(() => store.close());

  it('marks a confirmed row sent, with leaseUntil = sentAt so the (status, leaseUntil) index finds it for pruning', async () => {
    const row = await writeRow(store);
    const before = Date.now();
    await dispatcher.dispatch([row]);
    await dispatcher.flush();
    const stored = (await rows().get(row._id))!;
    assert.equal(stored.status, 'sent');
    assert.ok(stored.sentAt! >= before);
    assert.equal(stored.leaseUntil, stored.sentAt);
    assert.equal(stored.version, 2, 'one versioned update');
    assert.deepEqual(publisher.published, ['stock.reserved']);
  });

  it('still marks the row sent when a relay claimed it meanwhile (its version moved on)', async () => {
    const row = await writeRow(store);
    await rows().update({ ...row, leaseUntil: Date.now() + 10_000 }, row.version!);
    await dispatcher.dispatch([row]);
    await dispatcher.flush();
    assert.equal((await rows().get(row._id))!.status, 'sent');
  });

  it('prunes sent rows older than the retention, and keeps recent sent rows and every pending row', async () => {
    const [old, recent, pending, stalePending] = [await writeRow(store), await writeRow(store), await writeRow(store), await writeRow(store)];
    const now = Date.now();
    const hour = 3_600_000;
    await rows().update({ ...old, status: 'sent', sentAt: now - 25 * hour, leaseUntil: now - 25 * hour }, old.version!);
    await rows().update({ ...recent, status: 'sent', sentAt: now - hour, leaseUntil: now - hour }, recent.version!);
    await rows().update({ ...stalePending, leaseUntil: now + 60_000 }, stalePending.version!);
    const relay = new OutboxRelay(store, dispatcher, silentLogger, () => true, { sentRetentionMs: 24 * hour });
    await relay.sweep();
    const left = (await rows().find({})).map((row) => row._id).sort();
    assert.deepEqual(left, [recent._id, pending._id, stalePending._id].sort());
  });

  it("reports each confirmed publish's wait for the broker, labelled by event type, and nothing for a publish that failed", async () => {
    const observed: Array<[string, number]> = [];
    const metrics: MessagingMetrics = { ...noopMetrics, publishConfirmLatency: (type, seconds) => void observed.push([type, seconds]) };
    let confirmAfterMs = 30;
    const slowBroker = {
      publish: async () => {
        await new Promise((resolve) => setTimeout(resolve, confirmAfterMs));
        if (confirmAfterMs === 0) throw new BrokerUnavailableError('nacked');
      },
    } as unknown as ConfirmPublisher;
    const timed = new OutboxDispatcher(store, slowBroker, 'events', metrics, silentLogger, noTracing('test'));
    assert.deepEqual(await timed.dispatch([await writeRow(store)]), []);
    assert.equal(observed.length, 1);
    const [type, seconds] = observed[0]!;
    assert.equal(type, 'stock.reserved');
    assert.ok(seconds >= 0.025 && seconds < 5, `the confirm took about 30 ms, reported ${seconds} s`);
    confirmAfterMs = 0;
    assert.equal((await timed.dispatch([await writeRow(store)])).length, 1, 'the nacked row is left for the relay');
    assert.equal(observed.length, 1, 'a failed publish is not a confirm');
    await timed.flush();
  });
});
