import assert from 'node:assert/strict';
import { orderCatalogue } from '@troupe/order-catalogue';
import { shippingHandlers } from './shipping-handlers';
import { shippingRoutes } from '../routes/shipping-routes';
import { inMemoryService, type InMemoryService } from '@troupe/worker/testing';
import { cancellationRequested, newOrderId, orderCreated, paymentCaptured } from '../testing/upstream-events';

describe('shipping-service handlers and routes', () => {
  let service: InMemoryService;
  beforeEach(async () => {
    service = await inMemoryService(orderCatalogue, 'shipping-service', shippingHandlers(), shippingRoutes);
  });
  afterEach(() => service.close());

  const getShipment = async (orderId: string) => {
    const response = await service.http.inject({ method: 'GET', url: `/shipments/${orderId}` });
    return { status: response.statusCode, body: response.json() };
  };

  it('schedules a paid order once and serves its status', async () => {
    const orderId = newOrderId();
    await service.deliver(orderCreated(orderId));
    assert.deepEqual(await getShipment(orderId), { status: 200, body: { orderId, status: 'AWAITING_PAYMENT' } });
    const [scheduled] = await service.deliver(paymentCaptured(orderId));
    assert.equal(scheduled!.type, 'shipment.scheduled');
    assert.deepEqual(await service.deliver(paymentCaptured(orderId)), [], 'a duplicate capture schedules nothing');
    assert.deepEqual((await getShipment(orderId)).body, { orderId, status: 'SCHEDULED' });
  });

  for (const [country, postalCode, reason] of [
    ['AQ', '75002', 'unserviceable_country'],
    ['KP', '75002', 'unserviceable_country'],
    ['FR', '00000', 'invalid_postal_code'],
  ] as const) {
    it(`fails a shipment to ${country} ${postalCode} with ${reason}`, async () => {
      const orderId = newOrderId();
      await service.deliver(orderCreated(orderId, { country, postalCode }));
      const emitted = await service.deliver(paymentCaptured(orderId));
      assert.deepEqual(emitted.map((event) => [event.type, event.data]), [['shipment.failed', { orderId, reason }]]);
      assert.deepEqual(await service.deliver(cancellationRequested(orderId)), [], 'its own relay already runs');
      assert.equal((await getShipment(orderId)).body.status, 'FAILED');
    });
  }

  it('payment.captured before order.created throws so the pipeline retries', async () => {
    const orderId = newOrderId();
    await assert.rejects(service.deliver(paymentCaptured(orderId)), /not seen yet/);
    assert.equal((await getShipment(orderId)).status, 404);
  });

  it('cancelling a scheduled shipment emits shipment.cancelled with wasScheduled true, once', async () => {
    const orderId = newOrderId();
    await service.deliver(orderCreated(orderId));
    await service.deliver(paymentCaptured(orderId));
    const emitted = await service.deliver(cancellationRequested(orderId));
    assert.equal(emitted.length, 1);
    assert.equal(emitted[0]!.type, 'shipment.cancelled');
    assert.equal((emitted[0]!.data as { wasScheduled: boolean }).wasScheduled, true);
    assert.deepEqual(await service.deliver(cancellationRequested(orderId)), []);
    assert.equal((await getShipment(orderId)).body.status, 'CANCELLED');
  });

  it('a capture after the cancellation schedules nothing, even when the cancellation came first of all', async () => {
    const orderId = newOrderId();
    const [cancelled] = await service.deliver(cancellationRequested(orderId));
    assert.equal((cancelled!.data as { wasScheduled: boolean }).wasScheduled, false);
    await service.deliver(orderCreated(orderId));
    assert.deepEqual(await service.deliver(paymentCaptured(orderId)), []);
    assert.equal((await getShipment(orderId)).body.status, 'CANCELLED');
  });
});
