import assert from 'node:assert/strict';
import { startOnBroker, type BrokerHarness } from '@troupe/worker/testing';
import { newId as newOrderId } from '@troupe/contracts';
import { orderConfirmed, orderRejected } from '@troupe/order-catalogue/testing';
import { consumedBy } from '@troupe/contracts';
import { notificationServiceManifest } from '@troupe/order-catalogue';

describe('notification-service on the real broker', function () {
  this.timeout(120_000);
  let system: BrokerHarness;
  before(async () => {
    system = await startOnBroker({
      service: 'notification-service',
      entry: 'apps/notification-service/src/main.ts',
      consumes: consumedBy(notificationServiceManifest),
    });
  });
  after(() => system?.stop());

  it('the same terminal event delivered twice (different message ids) gives one notification and one customer.notified', async () => {
    const orderId = newOrderId();
    await system.publish(orderConfirmed(orderId));
    await system.publish(orderConfirmed(orderId));
    // A later order as a marker: once it is notified, both copies before it were handled (one queue, in order).
    const marker = newOrderId();
    await system.publish(orderConfirmed(marker));
    await system.until('marker notified', () => system.seen().find((event) => event.type === 'customer.notified' && event.data.orderId === marker));
    await system.until('three deliveries consumed', async () => {
      const text = await (await fetch(`${system.urls[0]}/metrics`)).text();
      return Number(/troupe_messages_consumed_total\{event="order\.confirmed"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0) >= 3 ? true : undefined;
    });
    const notified = system.seen().filter((event) => event.type === 'customer.notified' && event.data.orderId === orderId);
    assert.equal(notified.length, 1);
    const { notifications } = (await (await fetch(`${system.urls[0]}/notifications?orderId=${orderId}`)).json()) as { notifications: { outcome: string; notificationId: string }[] };
    assert.equal(notifications.length, 1);
    assert.equal(notifications[0]!.outcome, 'CONFIRMED');
    assert.equal(notifications[0]!.notificationId, (notified[0]!.data as { notificationId: string }).notificationId);
  });

  it('lists a rejected order among the latest', async () => {
    const orderId = newOrderId();
    await system.publish(orderRejected(orderId));
    const latest = await system.until('listed', async () => {
      const body = (await (await fetch(`${system.urls[0]}/notifications`)).json()) as { notifications: { orderId: string; outcome: string }[] };
      return body.notifications.find((notification) => notification.orderId === orderId);
    });
    assert.equal(latest.outcome, 'REJECTED');
  });
});
