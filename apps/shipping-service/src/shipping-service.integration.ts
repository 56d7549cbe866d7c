import assert from 'node:assert/strict';
import type { AnyEvent } from '@troupe/contracts';
import { startOnBroker, type BrokerHarness } from '@troupe/worker/testing';
import { cancellationRequested, newOrderId, orderCreated, paymentCaptured } from './testing/upstream-events';
import { consumedBy } from '@troupe/contracts';
import { shippingServiceManifest } from '@troupe/order-catalogue';

describe('shipping-service on the real broker', function () {
  this.timeout(120_000);
  let system: BrokerHarness;
  before(async () => {
    system = await startOnBroker({
      service: 'shipping-service',
      entry: 'apps/shipping-service/src/main.ts',
      consumes: consumedBy(shippingServiceManifest),
    });
  });
  after(() => system?.stop());

  const emittedFor = (orderId: string, type: string): AnyEvent[] =>
    system.seen().filter((event) => event.type === type && event.data.orderId === orderId);
  const status = async (orderId: string) => {
    const response = await fetch(`${system.urls[0]}/shipments/${orderId}`);
    return response.status === 200 ? ((await response.json()) as { status: string }).status : undefined;
  };

  it('fails shipments to AQ, KP and postal code 00000', async () => {
    const orders = [newOrderId(), newOrderId(), newOrderId()];
    await system.publish(orderCreated(orders[0]!, { country: 'AQ' }));
    await system.publish(orderCreated(orders[1]!, { country: 'KP' }));
    await system.publish(orderCreated(orders[2]!, { postalCode: '00000' }));
    for (const orderId of orders) await system.until('order known', () => status(orderId));
    for (const orderId of orders) await system.publish(paymentCaptured(orderId));
    for (const orderId of orders) await system.until(`${orderId} failed`, () => emittedFor(orderId, 'shipment.failed')[0]);
    assert.deepEqual(
      orders.map((orderId) => (emittedFor(orderId, 'shipment.failed')[0]!.data as { reason: string }).reason),
      ['unserviceable_country', 'unserviceable_country', 'invalid_postal_code'],
    );
    assert.equal(await status(orders[0]!), 'FAILED');
  });

  it('cancelling after scheduling emits shipment.cancelled with wasScheduled true', async () => {
    const orderId = newOrderId();
    await system.publish(orderCreated(orderId));
    await system.until('known', () => status(orderId));
    await system.publish(paymentCaptured(orderId));
    await system.until('scheduled', () => emittedFor(orderId, 'shipment.scheduled')[0]);
    await system.publish(cancellationRequested(orderId));
    const cancelled = await system.until('cancelled', () => emittedFor(orderId, 'shipment.cancelled')[0]);
    assert.equal((cancelled.data as { wasScheduled: boolean }).wasScheduled, true);
    assert.equal(await status(orderId), 'CANCELLED');
  });

  it('payment.captured after the cancellation schedules nothing', async () => {
    const orderId = newOrderId();
    await system.publish(orderCreated(orderId));
    await system.until('known', () => status(orderId));
    await system.publish(cancellationRequested(orderId));
    const cancelled = await system.until('cancelled', () => emittedFor(orderId, 'shipment.cancelled')[0]);
    assert.equal((cancelled.data as { wasScheduled: boolean }).wasScheduled, false);
    // A marker order published after the late capture: once it is scheduled, the late capture was handled too.
    await system.publish(paymentCaptured(orderId));
    const marker = newOrderId();
    await system.publish(orderCreated(marker));
    await system.until('marker known', () => status(marker));
    await system.publish(paymentCaptured(marker));
    await system.until('marker scheduled', () => emittedFor(marker, 'shipment.scheduled')[0]);
    await system.until('late capture consumed', async () => {
      const text = await (await fetch(`${system.urls[0]}/metrics`)).text();
      return Number(/troupe_messages_consumed_total\{event="payment\.captured"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0) >= 3 + 1 + 2 ? true : undefined;
    });
    assert.deepEqual(emittedFor(orderId, 'shipment.scheduled'), []);
    assert.equal(await status(orderId), 'CANCELLED');
  });
});
