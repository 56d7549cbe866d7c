import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { toAmqpProperties, type AnyEvent } from '@troupe/contracts';
import { createEvent, orderCatalogue as catalogue } from '@troupe/order-catalogue';
import { startTcpProxy, type TcpProxy } from '@troupe/testing';
import { connectBroker, type BrokerConnection } from '../connection/broker-connection';
import { deleteArchive, ensureArchive } from './ensure';
import { followArchive, type ArchiveFollower } from './follow';
import type { ArchivedEvent } from './reader';
import { archiveNames } from './topology';
import { publishRaw, withBrokerChannel } from '../testing';

const url = 'amqp://guest:guest@127.0.0.1:5672';

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('following the event archive live (real broker)', function () {
  this.timeout(60_000);
  const prefix = `test-follow-${process.pid}-${Date.now()}.`;
  const names = archiveNames(prefix);
  const cleanups: Array<() => Promise<unknown>> = [];

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await deleteArchive(url, prefix);
    await withBrokerChannel(url, (channel) => channel.deleteExchange(names.eventsExchange));
  });

  const notified = (): AnyEvent =>
    createEvent('customer.notified', { orderId: randomUUID(), notificationId: randomUUID(), outcome: 'CONFIRMED', channel: 'store' }, { source: 'notification-service' }) as AnyEvent;
  const publish = (event: AnyEvent) => publishRaw(url, names.eventsExchange, event.type, Buffer.from(JSON.stringify(event)), toAmqpProperties(event));

  function start(brokerUrl: string, seen: ArchivedEvent[], opened: Array<number | undefined>): { broker: BrokerConnection; follower: ArchiveFollower } {
    const broker = connectBroker({ url: brokerUrl });
    const follower = followArchive({ broker, prefix, catalogue, reopenDelayMs: 100, onEvent: (record) => void seen.push(record), onOpen: (info) => opened.push(info.resumedAt) });
    cleanups.push(() => broker.close(), () => follower.stop());
    return { broker, follower };
  }

  it('waits for an archive not declared yet, then hears only what is appended after it started, in order, skipping undecodable records', async () => {
    const seen: ArchivedEvent[] = [];
    const opened: Array<number | undefined> = [];
    const { follower } = start(url, seen, opened);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(follower.isFollowing(), false, 'no archive yet');
    await ensureArchive(url, { prefix, maxBytes: 50_000_000, maxAge: '1D', segmentBytes: 1_000_000 });
    const before = notified();
    await publish(before);
    // A record appended before the consumer attached is history: the follower hears it only if it attached first.
    await until('following', () => follower.isFollowing());
    const live = Array.from({ length: 5 }, notified);
    for (const event of live) await publish(event);
    await publishRaw(url, names.eventsExchange, 'order.created', Buffer.from('{not json'));
    const last = notified();
    await publish(last);
    await until('the live events', () => seen.some((record) => record.event.id === last.id));
    const ids = seen.map((record) => record.event.id).filter((id) => id !== before.id);
    assert.deepEqual(ids, [...live, last].map((event) => event.id));
    assert.deepEqual(opened, [undefined]);
    await follower.stop();
    assert.equal(follower.isFollowing(), false);
  });

  it('after its connection drops, resumes right after the last record seen: what was appended meanwhile is not lost', async () => {
    const proxy: TcpProxy = await startTcpProxy({ targetPort: 5672 });
    cleanups.push(() => proxy.close());
    const seen: ArchivedEvent[] = [];
    const opened: Array<number | undefined> = [];
    const { follower } = start(`amqp://guest:guest@127.0.0.1:${proxy.port}`, seen, opened);
    await until('following', () => follower.isFollowing());
    const first = notified();
    await publish(first);
    await until('the first event', () => seen.some((record) => record.event.id === first.id));
    await proxy.cut();
    const meanwhile = [notified(), notified()];
    for (const event of meanwhile) await publish(event);
    await proxy.restore();
    await until('the events appended during the outage', () => meanwhile.every((event) => seen.some((record) => record.event.id === event.id)), 20_000);
    assert.equal(opened.length, 2);
    assert.equal(opened[1], seen.find((record) => record.event.id === first.id)!.offset + 1);
    assert.equal(new Set(seen.map((record) => record.event.id)).size, seen.length, 'nothing heard twice');
  });
});
