import assert from 'node:assert/strict';
import { orderCatalogue } from '@troupe/order-catalogue';
import { shippingHandlers } from './shipping-handlers';
import { shippingRoutes } from '../routes/shipping-routes';
import { inMemoryService, type InMemoryService } from '@troupe/worker/testing';
import { loadShipment, saveShipment } from '../shipments/shipments';
import { addressIn, cancellationRequested, newOrderId, paymentCaptured, paymentCapturedWithoutAddress } from '../testing/upstream-events';

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

  /** The record a previous release opened on `order.created`: AWAITING_PAYMENT, with the address it remembered. */
  const rememberedByPreviousRelease = (orderId: string, where: { country?: string; postalCode?: string } = {}) =>
    saveShipment(service.store, undefined, { orderId, status: 'AWAITING_PAYMENT', address: addressIn(where) });

  it('schedules a paid order to the address payment.captured carries, once, and serves its status', async () => {
    const orderId = newOrderId();
    assert.equal((await getShipment(orderId)).status, 404);
    const [scheduled] = await service.deliver(paymentCaptured(orderId));
    assert.equal(scheduled!.type, 'shipment.scheduled');
    assert.deepEqual(await service.deliver(paymentCaptured(orderId)), [], 'a duplicate capture schedules nothing');
    assert.deepEqual((await getShipment(orderId)).body, { orderId, status: 'SCHEDULED' });
    assert.equal((await loadShipment(service.store, orderId))!.address, undefined, 'the address is not kept');
  });

  for (const [country, postalCode, reason] of [
    ['AQ', '75002', 'unserviceable_country'],
    ['KP', '75002', 'unserviceable_country'],
    ['FR', '00000', 'invalid_postal_code'],
  ] as const) {
    it(`fails a shipment to ${country} ${postalCode} with ${reason}`, async () => {
      const orderId = newOrderId();
      const emitted = await service.deliver(paymentCaptured(orderId, { country, postalCode }));
      assert.deepEqual(emitted.map((event) => [event.type, event.data]), [['shipment.failed', { orderId, reason }]]);
      assert.deepEqual(await service.deliver(cancellationRequested(orderId)), [], 'its own relay already runs');
      assert.equal((await getShipment(orderId)).body.status, 'FAILED');
    });
  }

  it('a payment.captured without address ships to the address a previous release remembered', async () => {
    const scheduled = newOrderId();
    await rememberedByPreviousRelease(scheduled);
    assert.deepEqual((await service.deliver(paymentCapturedWithoutAddress(scheduled))).map((event) => event.type), ['shipment.scheduled']);
    const failed = newOrderId();
    await rememberedByPreviousRelease(failed, { country: 'AQ' });
    assert.deepEqual((await service.deliver(paymentCapturedWithoutAddress(failed))).map((event) => event.type), ['shipment.failed']);
  });

  it('a payment.captured without address and nothing remembered throws so the pipeline retries (then dead-letters), and stores nothing', async () => {
    const orderId = newOrderId();
    await assert.rejects(
      service.deliver(paymentCapturedWithoutAddress(orderId)),
      (error: Error) => error.name === 'Error' && error.message === `payment.captured for ${orderId} carries no shipping address and none was remembered (sent by a payment-service older than this release?)`,
    );
    assert.equal((await getShipment(orderId)).status, 404);
  });

  it('cancelling a scheduled shipment emits shipment.cancelled with wasScheduled true, once', async () => {
    const orderId = newOrderId();
    await service.deliver(paymentCaptured(orderId));
    const emitted = await service.deliver(cancellationRequested(orderId));
    assert.equal(emitted.length, 1);
    assert.equal(emitted[0]!.type, 'shipment.cancelled');
    assert.equal((emitted[0]!.data as { wasScheduled: boolean }).wasScheduled, true);
    assert.deepEqual(await service.deliver(cancellationRequested(orderId)), []);
    assert.equal((await getShipment(orderId)).body.status, 'CANCELLED');
  });

  it('a capture after the cancellation schedules nothing, when the cancellation came first of all', async () => {
    const orderId = newOrderId();
    const [cancelled] = await service.deliver(cancellationRequested(orderId));
    assert.equal((cancelled!.data as { wasScheduled: boolean }).wasScheduled, false);
    assert.deepEqual(await service.deliver(paymentCaptured(orderId)), []);
    assert.deepEqual(await service.deliver(paymentCapturedWithoutAddress(orderId)), [], 'refused, not retried');
    assert.equal((await getShipment(orderId)).body.status, 'CANCELLED');
  });

  it('a cancellation after a previous release remembered the address keeps it CANCELLED, never scheduled', async () => {
    const orderId = newOrderId();
    await rememberedByPreviousRelease(orderId);
    const [cancelled] = await service.deliver(cancellationRequested(orderId));
    assert.equal((cancelled!.data as { wasScheduled: boolean }).wasScheduled, false);
    assert.deepEqual(await service.deliver(paymentCapturedWithoutAddress(orderId)), []);
    assert.equal((await getShipment(orderId)).body.status, 'CANCELLED');
  });
});
