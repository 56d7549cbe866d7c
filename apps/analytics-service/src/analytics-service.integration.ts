import assert from 'node:assert/strict';
import { startOnBroker, type BrokerHarness } from '@troupe/worker/testing';
import { newId as newOrderId } from '@troupe/contracts';
import { orderCancelled, orderConfirmed, orderRejected } from '@troupe/order-catalogue/testing';
import { consumedBy } from '@troupe/contracts';
import { analyticsServiceManifest } from '@troupe/order-catalogue';

describe('analytics-service on the real broker', function () {
  this.timeout(120_000);
  let system: BrokerHarness;
  before(async () => {
    system = await startOnBroker({
      service: 'analytics-service',
      entry: 'apps/analytics-service/src/main.ts',
      consumes: consumedBy(analyticsServiceManifest),
    });
  });
  after(() => system?.stop());

  it('counts outcomes, reasons and revenue once per order under duplicate deliveries', async () => {
    const [a, b, c, d] = [newOrderId(), newOrderId(), newOrderId(), newOrderId()];
    const events = [orderConfirmed(a, 1999), orderConfirmed(b, 2501), orderRejected(c), orderCancelled(d)];
    for (const event of events) await system.publish(event);
    for (const event of events) await system.publish({ ...event, id: newOrderId() }); // redelivered copies, new message ids
    await system.publish(orderConfirmed(a, 1999)); // and a third copy of a, built afresh
    await system.until('all nine deliveries consumed', async () => {
      const text = await (await fetch(`${system.urls[0]}/metrics`)).text();
      const consumed = [...text.matchAll(/^troupe_messages_consumed_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
      return consumed >= 9 ? true : undefined;
    });
    const summary = (await (await fetch(`${system.urls[0]}/analytics/summary`)).json()) as { orders: object; cancelledByReason: object; revenue: number };
    assert.deepEqual(summary.orders, { CONFIRMED: 2, REJECTED: 1, CANCELLED: 1 });
    assert.deepEqual(summary.cancelledByReason, { payment_declined: 1 });
    assert.equal(summary.revenue, 45);
    const order = await (await fetch(`${system.urls[0]}/analytics/orders/${b}`)).json();
    assert.deepEqual(order, { orderId: b, outcome: 'CONFIRMED', total: 25.01 });
  });
});
