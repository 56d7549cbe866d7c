import assert from 'node:assert/strict';
import { createStore, type Store } from '@troupe/persistence';
import { createLogger, createMetrics } from '@troupe/worker';
import { insertNotification, notificationsCollection, type StoredNotification } from '../notifications/notifications';
import { startEmailRelay, type EmailRelay, type EmailRelaySettings } from './email-relay';
import type { EmailSender, OutgoingEmail } from './smtp-sender';

const t0 = '2030-01-01T00:00:00.000Z';
const settings: EmailRelaySettings = {
  intervalMs: 3_600_000, // the tests drive passes with runOnce
  leaseMs: 60_000,
  retry: { baseDelayMs: 1000, maxDelayMs: 4000, maxAttempts: 2 },
  recipientDomain: 'customers.example',
};

/** Records what it is given; fails while `down` is set. */
class FakeSender implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  down = false;
  async send(email: OutgoingEmail) {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
    this.sent.push(email);
  }
  close() {}
}

describe('e-mail relay (in-memory store, fake SMTP)', () => {
  let store: Store;
  let now: string;
  const relays: EmailRelay[] = [];
  const relay = (sender: EmailSender) => {
    const started = startEmailRelay({ store, logger: createLogger('notification-service', 'silent'), metrics: createMetrics('notification-service') }, settings, sender, () => now);
    relays.push(started);
    return started;
  };
  const stored = async (orderId: string) => (await store.collection<StoredNotification>(notificationsCollection).get(orderId))!;
  const notify = (orderId: string) =>
    store.transaction((session) =>
      insertNotification(session, { notificationId: `n-${orderId}`, orderId, customerId: 'cust-1', outcome: 'CONFIRMED', channel: 'email', subject: `Order ${orderId} confirmed`, text: 'On its way.', sentAt: t0 }),
    );

  beforeEach(async () => {
    now = t0;
    store = await createStore({ kind: 'sqlite', file: ':memory:' });
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((started) => started.stop()));
    await store.close();
  });

  it('sends a committed PENDING e-mail once and marks it SENT', async () => {
    const sender = new FakeSender();
    const started = relay(sender);
    await notify('o1');
    await started.runOnce();
    await started.runOnce();
    assert.deepEqual(sender.sent, [{ to: 'cust-1@customers.example', subject: 'Order o1 confirmed', text: 'On its way.' }]);
    assert.deepEqual((await stored('o1')).email, { status: 'SENT', attempts: 1, sentAt: t0 });
  });

  it('two relays passing at the same time send each message once', async () => {
    const sender = new FakeSender();
    const [a, b] = [relay(sender), relay(sender)];
    for (const orderId of ['o1', 'o2', 'o3']) await notify(orderId);
    await Promise.all([a.runOnce(), b.runOnce()]);
    assert.deepEqual(sender.sent.map((email) => email.subject).sort(), ['Order o1 confirmed', 'Order o2 confirmed', 'Order o3 confirmed']);
  });

  it('a failed send stays PENDING with its error until the backoff passed, then is sent', async () => {
    const sender = new FakeSender();
    const started = relay(sender);
    await notify('o1');
    sender.down = true;
    await started.runOnce();
    assert.deepEqual((await stored('o1')).email, { status: 'PENDING', attempts: 1, dueAt: '2030-01-01T00:00:01.000Z', lastError: 'connect ECONNREFUSED 127.0.0.1:2525' });
    sender.down = false;
    await started.runOnce(); // still backing off
    assert.equal(sender.sent.length, 0);
    now = '2030-01-01T00:00:01.000Z';
    await started.runOnce();
    assert.equal(sender.sent.length, 1);
    assert.equal((await stored('o1')).email!.status, 'SENT');
  });

  it('marks FAILED after the last attempt', async () => {
    const sender = new FakeSender();
    sender.down = true;
    const started = relay(sender);
    await notify('o1');
    await started.runOnce();
    now = '2030-01-01T00:01:00.000Z';
    await started.runOnce();
    assert.deepEqual((await stored('o1')).email, { status: 'FAILED', attempts: 2, lastError: 'connect ECONNREFUSED 127.0.0.1:2525' });
    now = '2030-01-02T00:00:00.000Z';
    await started.runOnce();
    assert.equal((await stored('o1')).email!.attempts, 2);
  });

  it('a message claimed by a sender that never reported back is claimed again once its lease ran out', async () => {
    const sender = new FakeSender();
    const started = relay(sender);
    await notify('o1');
    // A crashed instance's claim: the lease is written, the send never recorded.
    const crashed = await stored('o1');
    await store.collection<StoredNotification>(notificationsCollection).update({ ...crashed, email: { status: 'PENDING', attempts: 1, dueAt: '2030-01-01T00:01:00.000Z' } }, crashed.version!);
    await started.runOnce();
    assert.equal(sender.sent.length, 0);
    now = '2030-01-01T00:01:00.000Z';
    await started.runOnce();
    assert.equal(sender.sent.length, 1);
    assert.deepEqual((await stored('o1')).email, { status: 'SENT', attempts: 2, sentAt: now });
  });
});
