import assert from 'node:assert/strict';
import { anOrderRequest, orderId } from '../fixtures';
import type { OrderRequest } from '../order/order-request';
import type { StockLevel } from '../inventory/stock';
import { InMemoryChoreography } from './in-memory-choreography';
import { fifo, publishedOfType, runToQuiescence, violationsOf } from './scenario';

const stock: StockLevel[] = [
  { sku: 'SKU-001', available: 10, reserved: 0 },
  { sku: 'SKU-002', available: 10, reserved: 0 },
];

function run(request: OrderRequest, between?: (system: InMemoryChoreography, step: number) => void) {
  const system = new InMemoryChoreography(stock);
  system.place(request, orderId);
  runToQuiescence(system, fifo, (step) => between?.(system, step));
  assert.deepEqual(violationsOf(system, stock), []);
  return system;
}

function typesPublished(system: InMemoryChoreography): string[] {
  return system.published.map((event) => event.type);
}

const address = anOrderRequest().shippingAddress;

describe('the choreography, every path of the order saga (in order delivery)', () => {
  it('happy path: reserved → captured → scheduled → CONFIRMED → notified', () => {
    const system = run(anOrderRequest());
    const order = system.stores.orders.get(orderId)!;
    assert.equal(order.status, 'CONFIRMED');
    assert.deepEqual(typesPublished(system), [
      'order.created', 'stock.reserved', 'payment.captured', 'shipment.scheduled', 'order.confirmed', 'customer.notified',
    ]);
    assert.deepEqual(system.stores.stock.get('SKU-001'), { sku: 'SKU-001', available: 8, reserved: 2 });
    assert.equal(system.stores.analyticsSummary.revenueCents, 4498);
  });

  it('order.created goes to inventory and the read sides only: the charge and address travel in stock.reserved and payment.captured', () => {
    const system = new InMemoryChoreography(stock);
    system.place(anOrderRequest(), orderId);
    assert.deepEqual(system.pending.map((delivery) => delivery.to), ['inventory', 'analytics', 'view']);
    runToQuiescence(system, fifo);
    const [reserved] = publishedOfType(system, 'stock.reserved', orderId);
    const [captured] = publishedOfType(system, 'payment.captured', orderId);
    assert.deepEqual(reserved?.type === 'stock.reserved' && reserved.data.charge, { paymentToken: 'tok_visa', totalCents: 4498 });
    assert.deepEqual(captured?.type === 'payment.captured' && captured.data.shippingAddress, address);
    assert.equal(system.stores.orders.get(orderId)!.status, 'CONFIRMED');
  });

  it('out of stock: REJECTED, nothing charged, nothing held', () => {
    const request = anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 11, unitPriceCents: 100 }] });
    const system = run(request);
    assert.equal(system.stores.orders.get(orderId)!.status, 'REJECTED');
    assert.equal(system.stores.orders.get(orderId)!.reason, 'insufficient_stock');
    assert.deepEqual(typesPublished(system), ['order.created', 'stock.reservation-failed', 'order.rejected', 'customer.notified']);
  });

  for (const [label, request] of [
    ['tok_declined', anOrderRequest({ paymentToken: 'tok_declined' })],
    ['a total over 5,000.00', anOrderRequest({ items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: 500_001 }] })],
  ] as const) {
    it(`payment declined (${label}): stock released, then CANCELLED payment_declined`, () => {
      const system = run(request);
      const order = system.stores.orders.get(orderId)!;
      assert.deepEqual([order.status, order.reason], ['CANCELLED', 'payment_declined']);
      assert.deepEqual(typesPublished(system), [
        'order.created', 'stock.reserved', 'payment.declined', 'stock.released', 'order.cancelled', 'customer.notified',
      ]);
    });
  }

  for (const [country, postalCode] of [['AQ', '75002'], ['KP', '75002'], ['FR', '00000']]) {
    it(`shipping fails (${country} ${postalCode}): refund strictly before release, CANCELLED shipping_failed`, () => {
      const system = run(anOrderRequest({ shippingAddress: { ...address, country, postalCode } }));
      const order = system.stores.orders.get(orderId)!;
      assert.deepEqual([order.status, order.reason], ['CANCELLED', 'shipping_failed']);
      const types = typesPublished(system);
      assert.ok(types.indexOf('payment.refunded') < types.indexOf('stock.released'));
      assert.deepEqual(system.stores.payments.get(orderId)!.refundedCents, 4498);
    });
  }

  it('tok_hang stalls the saga until the deadline sweep: CANCELLED timed_out, nothing kept', () => {
    const system = run(anOrderRequest({ paymentToken: 'tok_hang' }));
    const order = system.stores.orders.get(orderId)!;
    assert.deepEqual([order.status, order.reason], ['CANCELLED', 'timed_out']);
    assert.equal(system.stores.payments.get(orderId)!.status, 'CANCELLED');
    assert.deepEqual(system.stores.stock.get('SKU-001'), { sku: 'SKU-001', available: 10, reserved: 0 });
  });

  it('customer cancel after confirmation is refused; before, it compensates what was done', () => {
    const confirmed = run(anOrderRequest());
    assert.equal(publishedOfType(confirmed, 'order.cancellation-requested', orderId).length, 0);

    // Cancel while stock.reserved waits for payment (step 3: order.created went to inventory, analytics and order-view):
    // the capture still happens, the cancellation reaches shipping before the capture does, and the capture is refunded.
    const system = run(anOrderRequest(), (s, step) => {
      if (step === 3) s.cancel(orderId);
    });
    const order = system.stores.orders.get(orderId)!;
    assert.deepEqual([order.status, order.reason], ['CANCELLED', 'customer_cancelled']);
    assert.equal(system.stores.payments.get(orderId)!.refundedCents, 4498);
    assert.equal(system.stores.shipments.get(orderId)!.status, 'CANCELLED');
    assert.equal(publishedOfType(system, 'shipment.scheduled', orderId).length, 0, 'the late capture is not shipped');
    assert.equal(publishedOfType(system, 'order.cancelled', orderId).length, 1);
  });

  it('a step completing after its saga timed out is compensated too', () => {
    // Expire right after order.created was fanned out: the forward steps still run, then get undone.
    const system = run(anOrderRequest(), (s, step) => {
      if (step === 1) s.expire(orderId, '2026-06-01T00:00:00.000Z');
    });
    const order = system.stores.orders.get(orderId)!;
    assert.deepEqual([order.status, order.reason], ['CANCELLED', 'timed_out']);
  });
});
