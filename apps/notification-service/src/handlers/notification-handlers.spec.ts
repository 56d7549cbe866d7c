import assert from 'node:assert/strict';
import { orderCatalogue } from '@troupe/order-catalogue';
import { notificationHandlers } from './notification-handlers';
import { notificationRoutes } from '../routes/notification-routes';
import { inMemoryService, type InMemoryService } from '@troupe/worker/testing';
import { newId as newOrderId } from '@troupe/contracts';
import { orderCancelled, orderConfirmed, orderRejected } from '@troupe/order-catalogue/testing';

describe('notification-service handlers and routes', () => {
  let service: InMemoryService;
  beforeEach(async () => {
    service = await inMemoryService(orderCatalogue, 'notification-service', notificationHandlers('store'), notificationRoutes);
  });
  afterEach(() => service.close());

  const list = async (query = '') => {
    const response = await service.http.inject({ method: 'GET', url: `/notifications${query}` });
    return { status: response.statusCode, body: response.json() };
  };

  it('stores one message per order and emits customer.notified once, whatever arrives after', async () => {
    const orderId = newOrderId();
    const emitted = await service.deliver(orderConfirmed(orderId));
    assert.equal(emitted.length, 1);
    assert.equal(emitted[0]!.type, 'customer.notified');
    assert.deepEqual(await service.deliver(orderConfirmed(orderId)), [], 'the same outcome again (another message id)');
    assert.deepEqual(await service.deliver(orderCancelled(orderId)), [], 'a contradicting outcome changes nothing');

    const { body } = await list(`?orderId=${orderId}`);
    assert.equal(body.notifications.length, 1);
    const [notification] = body.notifications;
    assert.deepEqual(Object.keys(notification).sort(), ['channel', 'notificationId', 'orderId', 'outcome', 'sentAt', 'subject', 'text']);
    assert.equal(notification.outcome, 'CONFIRMED');
    assert.equal(notification.channel, 'store');
    assert.equal(notification.notificationId, (emitted[0]!.data as { notificationId: string }).notificationId);
    assert.match(notification.text, /44\.98/);
  });

  it('words each outcome, and lists the latest first with a limit', async () => {
    const rejected = newOrderId();
    const cancelled = newOrderId();
    await service.deliver(orderRejected(rejected));
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct sentAt, so "latest first" is observable
    await service.deliver(orderCancelled(cancelled));
    const { body } = await list();
    assert.deepEqual(body.notifications.map((n: { orderId: string; outcome: string }) => [n.orderId, n.outcome]), [
      [cancelled, 'CANCELLED'],
      [rejected, 'REJECTED'],
    ]);
    assert.match(body.notifications[0].text, /payment was declined/);
    assert.match(body.notifications[1].text, /out of stock/);
    assert.equal((await list('?limit=1')).body.notifications.length, 1);
  });

  it('answers an unknown order with an empty list and refuses a bad limit', async () => {
    assert.deepEqual((await list(`?orderId=${newOrderId()}`)).body, { notifications: [] });
    assert.equal((await list('?limit=1000')).status, 400);
  });
});
