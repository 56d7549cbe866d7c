import assert from 'node:assert/strict';
import type { AnyEvent } from '@troupe/contracts';
import { startOnBroker, type BrokerHarness } from '@troupe/worker/testing';
import { newOrderId, orderCreated, shipmentCancelled, shipmentFailed, stockReserved } from './testing/upstream-events';
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
    await system.publish(orderCreated(card, { paymentToken: 'tok_declined' }));
    await system.publish(orderCreated(limit, { totalCents: 500_001 }));
    await system.until('both records exist', async () => ((await payment(card)) && (await payment(limit)) ? true : undefined));
    await system.publish(stockReserved(card));
    await system.publish(stockReserved(limit));
    const [declinedCard] = await system.until('card declined', () => emittedFor(card, 'payment.declined')[0] && emittedFor(card, 'payment.declined'));
    const [declinedLimit] = await system.until('limit declined', () => emittedFor(limit, 'payment.declined')[0] && emittedFor(limit, 'payment.declined'));
    assert.equal((declinedCard!.data as { reason: string }).reason, 'card_declined');
    assert.equal((declinedLimit!.data as { reason: string }).reason, 'amount_over_limit');
    assert.equal((await payment(limit, 1))!.captured, 0);
  });

  it('captures a normal order once even when stock.reserved arrives first and twice', async () => {
    const orderId = newOrderId();
    await system.publish(stockReserved(orderId)); // before order.created: retried with backoff until it is known
    await system.publish(orderCreated(orderId, { totalCents: 4498 }));
    await system.publish(stockReserved(orderId));
    await system.until('captured', async () => ((await payment(orderId))?.status === 'CAPTURED' ? true : undefined));
    // Let the early delivery come back from its retry queue (2 from the test above + these 2), then count captures.
    await system.until('early delivery retried', async () => {
      const metrics = await Promise.all(system.urls.map(async (url) => (await fetch(`${url}/metrics`)).text()));
      return metrics.some((text) => /troupe_messages_retried_total\{[^}]*event="stock\.reserved"[^}]*\} [1-9]/.test(text)) ? true : undefined;
    });
    await system.until('retried delivery consumed', async () => {
      const metrics = await Promise.all(system.urls.map(async (url) => (await fetch(`${url}/metrics`)).text()));
      const consumed = metrics.map((text) => /troupe_messages_consumed_total\{event="stock\.reserved"[^}]*\} (\d+)/.exec(text)?.[1] ?? '0');
      return consumed.reduce((sum, count) => sum + Number(count), 0) >= 2 + 2 ? true : undefined;
    });
    assert.equal(emittedFor(orderId, 'payment.captured').length, 1);
    const view = await payment(orderId, 1);
    assert.equal(view!.captured, 44.98);
    assert.deepEqual(view!.operations.map((operation) => operation.kind), ['capture']);
  });

  it('shipment.failed and shipment.cancelled together: exactly one refund of the captured amount', async () => {
    const orderId = newOrderId();
    await system.publish(orderCreated(orderId, { totalCents: 2500 }));
    await system.publish(stockReserved(orderId));
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
