import assert from 'node:assert/strict';
import type { AnyEvent } from '@troupe/contracts';
import { startOnBroker, type BrokerHarness } from '@troupe/worker/testing';
import { newOrderId, shipmentCancelled, shipmentFailed, stockReserved, stockReservedWithoutCharge } from './testing/upstream-events';
import { consumedBy } from '@troupe/contracts';
import { paymentServiceManifest } from '@troupe/order-catalogue';

const consumes = consumedBy(paymentServiceManifest);

describe('payment-service on the real broker (two instances, one store)', function () {
  this.timeout(180_000);
  let system: BrokerHarness;
  before(async () => {
    system = await startOnBroker({ service: 'payment-service', entry: 'apps/payment-service/src/main.ts', consumes, instances: 2 });
  });
  after(() => system?.stop());

  const emittedFor = (orderId: string, type: string): AnyEvent[] =>
    system.seen().filter((event) => event.type === type && event.data.orderId === orderId);
  const payment = async (orderId: string, instance = 0) => {
    const response = await fetch(`${system.urls[instance]}/payments/${orderId}`);
    return response.status === 200 ? ((await response.json()) as { captured: number; refunded: number; status: string; operations: { kind: string; amount: number }[] }) : undefined;
  };

  it('declines tok_declined and a total over 5,000.00', async () => {
    const [card, limit] = [newOrderId(), newOrderId()];
    await system.publish(stockReserved(card, { paymentToken: 'tok_declined' }));
    await system.publish(stockReserved(limit, { totalCents: 500_001 }));
    const [declinedCard] = await system.until('card declined', () => emittedFor(card, 'payment.declined')[0] && emittedFor(card, 'payment.declined'));
    const [declinedLimit] = await system.until('limit declined', () => emittedFor(limit, 'payment.declined')[0] && emittedFor(limit, 'payment.declined'));
    assert.equal((declinedCard!.data as { reason: string }).reason, 'card_declined');
    assert.equal((declinedLimit!.data as { reason: string }).reason, 'amount_over_limit');
    assert.equal((await payment(limit, 1))!.captured, 0);
  });

  it('captures a normal order once when stock.reserved arrives twice; one without charge is retried, never charged', async () => {
    const orderId = newOrderId();
    const uncharged = newOrderId();
    await system.publish(stockReservedWithoutCharge(uncharged)); // an older inventory-service's event, nothing remembered: retried
    await system.publish(stockReserved(orderId, { totalCents: 4498 }));
    await system.publish(stockReserved(orderId, { totalCents: 4498 }));
    await system.until('captured', async () => ((await payment(orderId))?.status === 'CAPTURED' ? true : undefined));
    const total = async (metric: string) => {
      const metrics = await Promise.all(system.urls.map(async (url) => (await fetch(`${url}/metrics`)).text()));
      const pattern = new RegExp(`troupe_messages_${metric}_total\\{[^}]*event="stock\\.reserved"[^}]*\\} (\\d+)`);
      return metrics.reduce((sum, text) => sum + Number(pattern.exec(text)?.[1] ?? 0), 0);
    };
    // Back from its first delay queue and refused again: retried twice, and still not charged.
    await system.until('the uncharged delivery retried twice', async () => ((await total('retried')) >= 2 ? true : undefined));
    // 2 from the test above + the two charged ones here; the uncharged one is never consumed.
    await system.until('every charged delivery consumed', async () => ((await total('consumed')) >= 2 + 2 ? true : undefined));
    assert.equal(emittedFor(orderId, 'payment.captured').length, 1);
    assert.deepEqual((emittedFor(orderId, 'payment.captured')[0]!.data as { shippingAddress?: { city: string } }).shippingAddress?.city, 'Paris', 'the address is passed on');
    const view = await payment(orderId, 1);
    assert.equal(view!.captured, 44.98);
    assert.deepEqual(view!.operations.map((operation) => operation.kind), ['capture']);
    assert.equal(await payment(uncharged), undefined, 'no record for what could not be charged');
    assert.deepEqual(system.seen().filter((event) => event.type !== 'stock.reserved' && event.data.orderId === uncharged), []);
  });

  it('shipment.failed and shipment.cancelled together: exactly one refund of the captured amount', async () => {
    const orderId = newOrderId();
    await system.publish(stockReserved(orderId, { totalCents: 2500 }));
    await system.until('captured', () => emittedFor(orderId, 'payment.captured')[0]);
    await Promise.all([system.publish(shipmentFailed(orderId)), system.publish(shipmentCancelled(orderId))]);
    await system.until('refunded', async () => ((await payment(orderId))?.status === 'REFUNDED' ? true : undefined));
    const [refunded] = await system.until('payment.refunded', () => emittedFor(orderId, 'payment.refunded')[0] && emittedFor(orderId, 'payment.refunded'));
    // Both triggers must have been consumed before counting what they produced.
    await system.until('both triggers consumed', async () => {
      const metrics = await Promise.all(system.urls.map(async (url) => (await fetch(`${url}/metrics`)).text()));
      const total = (event: string) =>
        metrics.reduce((sum, text) => sum + Number(new RegExp(`troupe_messages_consumed_total\\{event="${event.replace('.', '\\.')}"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0), 0);
      return total('shipment.failed') >= 1 && total('shipment.cancelled') >= 1 ? true : undefined;
    });
    assert.equal(emittedFor(orderId, 'payment.refunded').length, 1);
    assert.equal((refunded!.data as { amountCents: number }).amountCents, 2500);
    const view = await payment(orderId, 1);
    assert.equal(view!.refunded, 25);
    assert.equal(view!.operations.filter((operation) => operation.kind === 'refund').length, 1);
  });
});
