import assert from 'node:assert/strict';
import type { AnyEvent } from '@troupe/contracts';
import { startOnBroker, type BrokerHarness } from '@troupe/worker/testing';
import { cancellationRequested, newOrderId, paymentCaptured, paymentCapturedWithoutAddress } from './testing/upstream-events';
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

  it('fails shipments to AQ, KP and postal code 00000, the addresses payment.captured carries', async () => {
    const orders = [newOrderId(), newOrderId(), newOrderId()];
    await system.publish(paymentCaptured(orders[0]!, { country: 'AQ' }));
    await system.publish(paymentCaptured(orders[1]!, { country: 'KP' }));
    await system.publish(paymentCaptured(orders[2]!, { postalCode: '00000' }));
    for (const orderId of orders) await system.until(`${orderId} failed`, () => emittedFor(orderId, 'shipment.failed')[0]);
    assert.deepEqual(
      orders.map((orderId) => (emittedFor(orderId, 'shipment.failed')[0]!.data as { reason: string }).reason),
      ['unserviceable_country', 'unserviceable_country', 'invalid_postal_code'],
    );
    assert.equal(await status(orders[0]!), 'FAILED');
  });

  it('cancelling after scheduling emits shipment.cancelled with wasScheduled true', async () => {
    const orderId = newOrderId();
    await system.publish(paymentCaptured(orderId));
    await system.until('scheduled', () => emittedFor(orderId, 'shipment.scheduled')[0]);
    await system.publish(cancellationRequested(orderId));
    const cancelled = await system.until('cancelled', () => emittedFor(orderId, 'shipment.cancelled')[0]);
    assert.equal((cancelled.data as { wasScheduled: boolean }).wasScheduled, true);
    assert.equal(await status(orderId), 'CANCELLED');
  });

  it('payment.captured after the cancellation schedules nothing; one without address is retried, never scheduled', async () => {
    const orderId = newOrderId();
    const unaddressed = newOrderId();
    await system.publish(paymentCapturedWithoutAddress(unaddressed)); // an older payment-service's event, nothing remembered: retried
    await system.publish(cancellationRequested(orderId));
    const cancelled = await system.until('cancelled', () => emittedFor(orderId, 'shipment.cancelled')[0]);
    assert.equal((cancelled.data as { wasScheduled: boolean }).wasScheduled, false);
    // A marker order published after the late capture: once it is scheduled, the late capture was handled too.
    await system.publish(paymentCaptured(orderId));
    const marker = newOrderId();
    await system.publish(paymentCaptured(marker));
    await system.until('marker scheduled', () => emittedFor(marker, 'shipment.scheduled')[0]);
    const total = async (metric: string) => {
      const text = await (await fetch(`${system.urls[0]}/metrics`)).text();
      return Number(new RegExp(`troupe_messages_${metric}_total\\{[^}]*event="payment\\.captured"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0);
    };
    // 3 + 1 from the tests above, then the late capture and the marker; the unaddressed one is never consumed.
    await system.until('late capture consumed', async () => ((await total('consumed')) >= 3 + 1 + 2 ? true : undefined));
    await system.until('the unaddressed capture retried twice', async () => ((await total('retried')) >= 2 ? true : undefined));
    assert.deepEqual(emittedFor(orderId, 'shipment.scheduled'), []);
    assert.equal(await status(orderId), 'CANCELLED');
    assert.equal(await status(unaddressed), undefined, 'no record for what could not be shipped');
    assert.deepEqual(system.seen().filter((event) => event.type !== 'payment.captured' && event.data.orderId === unaddressed), []);
  });
});
