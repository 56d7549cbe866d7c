import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { toAmqpProperties, type AnyEvent } from '@troupe/contracts';
import { createSqliteStore, type Store } from '@troupe/persistence';
import { waitFor } from '@troupe/testing';
import { archiveNames } from '../archive/topology';
import { troupeHeaders } from '../codec/amqp-message';
import { brokerUrl, countEffect, Harness, stockReserved, totalEffects } from '../test-support/harness';
import { publishRaw, takeMessages } from '../testing';
import { topologyNames } from '../topology/topology';
import { archiveParkCollection, archivePositionCollection, type ArchivePosition } from './archive-intake';
import type { HandlerMap } from './handler';

// A read side fed from the event archive: no queue of its own, position kept in its store with its effects.
describe('archive intake on the real broker', function () {
  this.timeout(60_000);
  let harness: Harness;
  let store: Store;
  const applied: string[] = [];
  let failFor: { orderId: string; times: number } | undefined;

  const handlers = {
    'stock.reserved': async (event, ctx) => {
      if (failFor?.orderId === event.data.orderId && failFor.times > 0) {
        failFor.times -= 1;
        throw new Error('the read store hiccupped');
      }
      await countEffect(ctx.store, event.data.orderId);
      applied.push(event.data.orderId);
    },
  } satisfies HandlerMap;

  const publish = (event: AnyEvent, routingKey: string = event.type) =>
    publishRaw(brokerUrl, topologyNames(harness.prefix, 'board').eventsExchange, routingKey, Buffer.from(JSON.stringify(event)), toAmqpProperties(event));
  const board = () => harness.service({ service: 'board', intake: 'archive', handlers, store, retryDelaysMs: [100, 200] });
  const position = async () => (await store.collection<ArchivePosition>(archivePositionCollection).get('board'))?.offset;
  const effectsReach = (keys: number) => waitFor(async () => ((await totalEffects(store)).keys >= keys ? true : undefined), { what: `${keys} effects`, timeoutMs: 20_000 });

  beforeEach(() => {
    harness = new Harness();
    store = createSqliteStore({ file: ':memory:' });
    applied.length = 0;
    failFor = undefined;
  });
  afterEach(async () => {
    await harness.dispose();
    await store.close();
  });

  it('declares no queue of its own, only its dead letters and the archive', async () => {
    const { messaging } = await board();
    const queues = messaging.topology.queues.map((queue) => queue.name);
    assert.ok(queues.includes(archiveNames(harness.prefix).archiveStream), queues.join(', '));
    assert.ok(!queues.some((name) => name.endsWith('.stock.reserved')), queues.join(', '));
    assert.ok(messaging.isReady());
  });

  it('applies each archived event once, in archive order, skipping what it does not handle, and commits the position with the effects', async () => {
    await board();
    const events = Array.from({ length: 20 }, () => stockReserved());
    for (const [index, event] of events.entries()) {
      await publish(event);
      if (index === 5) await publish(event); // the outbox publishes at least once: a second copy of one event
    }
    await publish(stockReserved(), 'order.created'); // not one of its events: skipped, not dead-lettered
    await effectsReach(20);
    await waitFor(async () => ((await position()) === 21 ? true : undefined), { what: 'the position past the last record' });
    assert.deepEqual(applied, events.map((event) => event.data.orderId));
    const totals = await totalEffects(store);
    assert.equal(totals.max, 1, 'the duplicate copy was not applied again');
  });

  it('lets records that arrive within archiveLingerMs of the first share one transaction', async () => {
    let transactions = 0;
    const counted: Store = new Proxy(store, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver);
        return (...args: Parameters<Store['transaction']>) => {
          transactions += 1;
          return target.transaction(...args);
        };
      },
    });
    await harness.service({ service: 'board', intake: 'archive', handlers, store: counted, retryDelaysMs: [100, 200], archiveLingerMs: 400 });
    // Published one by one, each confirmed before the next: without the linger each would arrive in a socket read of its own.
    for (let index = 0; index < 8; index += 1) await publish(stockReserved());
    await effectsReach(8);
    assert.equal(transactions, 1, `8 records in ${transactions} transactions`);
  });

  it('stops while records wait out the linger, leaving them for the next start', async () => {
    const { messaging } = await harness.service({ service: 'board', intake: 'archive', handlers, store, retryDelaysMs: [100, 200], archiveLingerMs: 60_000 });
    for (let index = 0; index < 3; index += 1) await publish(stockReserved());
    await new Promise((resolve) => setTimeout(resolve, 300)); // delivered, and held by the linger
    // Before the fix the drain restarted itself in microtasks while stopping, so this never resolved (nor did any timer fire).
    await messaging.stop({ timeoutMs: 2000 });
    assert.equal((await totalEffects(store)).keys, 0, 'nothing applied: the next start reads them again from the committed position');
  });

  it('resumes after the committed position when started again, applying nothing twice', async () => {
    const first = await board();
    const before = Array.from({ length: 5 }, () => stockReserved());
    for (const event of before) await publish(event);
    await effectsReach(5);
    await first.messaging.stop({ timeoutMs: 2000 });
    await first.broker.close();

    const after = Array.from({ length: 5 }, () => stockReserved());
    for (const event of after) await publish(event);
    await board();
    await effectsReach(10);
    const totals = await totalEffects(store);
    assert.equal(totals.sum, 10);
    assert.equal(totals.max, 1);
    assert.deepEqual(applied, [...before, ...after].map((event) => event.data.orderId));
  });

  it('parks a record that cannot be projected in its DLQ, with the reason, and reads on', async () => {
    await board();
    await publishRaw(brokerUrl, topologyNames(harness.prefix, 'board').eventsExchange, 'stock.reserved', Buffer.from('{not json'), { messageId: 'broken-1' });
    const next = stockReserved();
    await publish(next);
    await effectsReach(1);
    const [letter] = await takeMessages(brokerUrl, topologyNames(harness.prefix, 'board').deadLetterQueue, 1, 10_000);
    assert.ok(letter, 'the broken record is in the DLQ');
    assert.equal(letter.content.toString(), '{not json');
    assert.equal(letter.properties.headers?.[troupeHeaders.originalQueue], archiveNames(harness.prefix).archiveStream);
    assert.equal(letter.properties.headers?.[troupeHeaders.reason], 'not-json');
    assert.deepEqual(applied, [next.data.orderId]);
  });

  it('retries a failing record in place, so the records after it wait and the order holds', async () => {
    await board();
    const events = Array.from({ length: 4 }, () => stockReserved());
    failFor = { orderId: events[1]!.data.orderId, times: 2 };
    for (const event of events) await publish(event);
    await effectsReach(4);
    // A record before the failing one in the same batch ran once in the batch that rolled back, then again alone:
    // `applied` is not transactional, the store's effects are (each exactly once).
    assert.deepEqual([...new Set(applied)], events.map((event) => event.data.orderId));
    assert.equal((await totalEffects(store)).max, 1, 'no effect applied twice');
    assert.equal(failFor.times, 0, 'it failed twice before succeeding');
  });

  it('dead-letters a record whose retries are exhausted, then moves past it', async () => {
    await board();
    const events = Array.from({ length: 3 }, () => stockReserved());
    failFor = { orderId: events[0]!.data.orderId, times: 99 };
    for (const event of events) await publish(event);
    await effectsReach(2);
    assert.deepEqual(applied, events.slice(1).map((event) => event.data.orderId));
    const [letter] = await takeMessages(brokerUrl, topologyNames(harness.prefix, 'board').deadLetterQueue, 1, 10_000);
    assert.equal(letter?.properties.messageId, events[0]!.id);
    assert.equal(letter?.properties.headers?.[troupeHeaders.reason], 'retries-exhausted');
  });

  it('shares a store with a second instance without applying anything twice', async () => {
    await board();
    await board();
    const events = Array.from({ length: 10 }, () => stockReserved(randomUUID()));
    for (const event of events) await publish(event);
    await effectsReach(10);
    // Both read every record; give the slower one time to catch up before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const totals = await totalEffects(store);
    assert.equal(totals.sum, 10);
    assert.equal(totals.max, 1);
  });

  it('parks a record neither of two instances sharing a store can project once, not once per instance', async () => {
    await board();
    await board();
    for (let index = 0; index < 3; index++) {
      await publishRaw(brokerUrl, topologyNames(harness.prefix, 'board').eventsExchange, 'stock.reserved', Buffer.from(`{not json ${index}`), { messageId: `broken-${index}` });
    }
    await publish(stockReserved());
    await effectsReach(1);
    await waitFor(async () => ((await position()) === 3 ? true : undefined), { what: 'the position past the last record' });
    // The slower instance reads the broken records too, after the faster one parked them; give it time to.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const letters = await takeMessages(brokerUrl, topologyNames(harness.prefix, 'board').deadLetterQueue, 6, 2_000);
    assert.deepEqual(letters.map((letter) => letter.properties.messageId).sort(), ['broken-0', 'broken-1', 'broken-2']);
    assert.equal((await store.collection(archiveParkCollection).find({})).length, 0, 'no claim left behind');
  });
});
