import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { toAmqpProperties, type AnyEvent } from '@troupe/contracts';
import { createEvent, orderCatalogue as catalogue } from '@troupe/order-catalogue';
import { deleteArchive, ensureArchive } from './ensure';
import { readArchive, type ArchivedEvent } from './reader';
import { archiveNames } from './topology';
import { publishRaw, withBrokerChannel } from '../testing';

const url = 'amqp://guest:guest@127.0.0.1:5672';

describe('event archive on the real broker', function () {
  this.timeout(60_000);
  const prefix = `test-archive-${process.pid}-${Date.now()}.`;
  const names = archiveNames(prefix);

  before(async () => {
    await ensureArchive(url, { prefix, maxBytes: 50_000_000, maxAge: '1D', segmentBytes: 1_000_000 });
  });
  after(async () => {
    await deleteArchive(url, prefix);
    await withBrokerChannel(url, (channel) => channel.deleteExchange(names.eventsExchange));
  });

  const notified = (orderId: string): AnyEvent =>
    createEvent('customer.notified', { orderId, notificationId: randomUUID(), outcome: 'CONFIRMED', channel: 'store' }, { source: 'notification-service' }) as AnyEvent;
  const publish = (event: AnyEvent) =>
    publishRaw(url, names.eventsExchange, event.type, Buffer.from(JSON.stringify(event)), toAmqpProperties(event));
  const readAll = async (from: 'first' | number = 'first') => {
    const records: ArchivedEvent[] = [];
    const progress: number[] = [];
    const result = await readArchive({ url, prefix, catalogue, from, prefetch: 8, progressEvery: 10, onEvent: (record) => void records.push(record), onProgress: (p) => progress.push(p.read) });
    return { records, result, progress };
  };

  it('is declared idempotently and refuses a redeclaration with other retention', async () => {
    await ensureArchive(url, { prefix, maxBytes: 50_000_000, maxAge: '1D', segmentBytes: 1_000_000 });
    await assert.rejects(ensureArchive(url, { prefix, maxAge: '2D' }), /exists with other arguments/);
  });

  it('keeps every event published to the exchange and reads them back from first, in order, with offsets, stopping at the end', async () => {
    const published = Array.from({ length: 30 }, () => notified(randomUUID()));
    for (const event of published) await publish(event);
    await publishRaw(url, names.eventsExchange, 'order.created', Buffer.from('{not json'));

    const { records, result, progress } = await readAll();
    assert.equal(result.read, 30);
    assert.equal(result.invalid, 1);
    assert.equal(result.firstOffset, 0);
    assert.deepEqual(records.map((record) => record.event.id), published.map((event) => event.id));
    assert.ok(records.every((record) => record.routingKey === 'customer.notified'));
    const offsets = records.map((record) => record.offset);
    assert.ok(offsets.every((offset, index) => index === 0 || offset > offsets[index - 1]), `increasing offsets ${offsets.join(',')}`);
    assert.deepEqual(progress, [10, 20, 30, 30]);
  });

  it('reads from a given offset, and skips the end markers earlier reads appended', async () => {
    const first = await readAll();
    const later = notified(randomUUID());
    await publish(later);
    const { records } = await readAll(first.records[25].offset);
    assert.deepEqual(records.map((record) => record.event.id), [...first.records.slice(25).map((record) => record.event.id), later.id]);
  });

  it('refuses to read an archive that was never declared', async () => {
    await assert.rejects(readArchive({ url, prefix: `${prefix}missing.`, catalogue, onEvent: () => undefined }), /not found/);
  });
});
