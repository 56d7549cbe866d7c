import assert from 'node:assert/strict';
import { startOnBroker, type BrokerHarness } from '@troupe/worker/testing';
import { startSmtpMailbox, type SmtpMailbox } from './testing/smtp-mailbox';
import { newId as newOrderId } from '@troupe/contracts';
import { orderCancelled, orderConfirmed, orderRejected } from '@troupe/order-catalogue/testing';
import { consumedBy } from '@troupe/contracts';
import { notificationServiceManifest } from '@troupe/order-catalogue';

interface Listed {
  orderId: string;
  channel: string;
  email?: { status: string; attempts: number; sentAt?: string; lastError?: string };
}

describe('notification-service e-mails through a real SMTP server', function () {
  this.timeout(180_000);
  let mailbox: SmtpMailbox;
  let system: BrokerHarness;
  before(async () => {
    mailbox = await startSmtpMailbox();
    system = await startOnBroker({
      service: 'notification-service',
      entry: 'apps/notification-service/src/main.ts',
      consumes: consumedBy(notificationServiceManifest),
      // Short interval and backoff cap so retries while the server is down come quickly; attempts never run out here.
      env: { SMTP_URL: mailbox.url, SMTP_RELAY_INTERVAL_MS: '100', SMTP_RETRY_MAX_DELAY_MS: '400', SMTP_MAX_ATTEMPTS: '1000' },
    });
  });
  after(async () => {
    await system?.stop();
    await mailbox?.close();
  });

  const notification = async (orderId: string): Promise<Listed | undefined> => {
    const body = (await (await fetch(`${system.urls[0]}/notifications?orderId=${orderId}`)).json()) as { notifications: Listed[] };
    return body.notifications[0];
  };
  const mailsFor = (orderId: string) => mailbox.received().filter((mail) => mail.subject.includes(orderId));
  const consumed = async (): Promise<number> => {
    const text = await (await fetch(`${system.urls[0]}/metrics`)).text();
    return [...text.matchAll(/troupe_messages_consumed_total\{[^}]*\} (\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
  };

  it('one e-mail per order, to the customer, however often its terminal event arrives; the stored messages become SENT', async () => {
    const twice = newOrderId();
    const other = newOrderId();
    const before = await consumed();
    await system.publish(orderConfirmed(twice));
    await system.publish(orderConfirmed(twice));
    await system.publish(orderRejected(other));
    await system.until('three deliveries consumed', async () => ((await consumed()) >= before + 3 ? true : undefined), 60_000);
    for (const orderId of [twice, other]) {
      const sent = await system.until(`${orderId} SENT`, async () => {
        const found = await notification(orderId);
        return found?.email?.status === 'SENT' ? found : undefined;
      }, 60_000);
      assert.equal(sent.channel, 'email');
      assert.equal(sent.email!.attempts, 1);
      assert.ok(sent.email!.sentAt);
    }
    // Each was received before it was marked SENT (the server answers 250 only after the data is in).
    assert.equal(mailsFor(twice).length, 1);
    assert.equal(mailsFor(other).length, 1);
    assert.deepEqual(mailsFor(twice)[0]!.to, ['cust-1@customers.troupe.example']);
    assert.equal(mailsFor(twice)[0]!.subject, `Order ${twice} confirmed`);
    assert.equal(mailsFor(twice)[0]!.from, 'orders@troupe.example');
    assert.equal(mailsFor(other)[0]!.subject, `Order ${other} could not be placed`);
  });

  it('while the SMTP server is down the e-mail stays PENDING with the error; once it is back it is sent, once', async () => {
    await mailbox.down();
    const orderId = newOrderId();
    try {
      await system.publish(orderCancelled(orderId));
      const retrying = await system.until('two failed attempts recorded', async () => {
        const found = await notification(orderId);
        return found?.email && found.email.attempts >= 2 ? found : undefined;
      }, 60_000);
      assert.equal(retrying.email!.status, 'PENDING');
      assert.ok(retrying.email!.lastError, 'the last error is recorded');
      assert.equal(retrying.email!.sentAt, undefined);
      assert.equal(mailsFor(orderId).length, 0);
    } finally {
      await mailbox.up();
    }
    const sent = await system.until('SENT once the server is back', async () => {
      const found = await notification(orderId);
      return found?.email?.status === 'SENT' ? found : undefined;
    }, 60_000);
    assert.equal(sent.email!.lastError !== undefined, true);
    assert.equal(mailsFor(orderId).length, 1);
    assert.equal(mailsFor(orderId)[0]!.subject, `Order ${orderId} cancelled`);
    const metrics = await (await fetch(`${system.urls[0]}/metrics`)).text();
    assert.equal(Number(/troupe_notification_emails_sent_total\{[^}]*\} (\d+)/.exec(metrics)?.[1]), 3);
    assert.ok(Number(/troupe_notification_email_attempts_failed_total\{[^}]*\} (\d+)/.exec(metrics)?.[1]) >= 2);
  });
});
