import assert from 'node:assert/strict';
import { orderCatalogue } from '@troupe/order-catalogue';
import { paymentHandlers } from './payment-handlers';
import { paymentRoutes } from '../routes/payment-routes';
import { inMemoryService, type InMemoryService } from '@troupe/worker/testing';
import { newOrderId, orderCreated, shipmentCancelled, shipmentFailed, stockReserved } from '../testing/upstream-events';

describe('payment-service handlers and routes', () => {
  let service: InMemoryService;
  beforeEach(async () => {
    service = await inMemoryService(orderCatalogue, 'payment-service', paymentHandlers(), paymentRoutes);
  });
  afterEach(() => service.close());

  const getPayment = async (orderId: string) => {
    const response = await service.http.inject({ method: 'GET', url: `/payments/${orderId}` });
    return { status: response.statusCode, body: response.json() };
  };

  it('captures the order total once and serves it in currency units', async () => {
    const orderId = newOrderId();
    assert.deepEqual(await service.deliver(orderCreated(orderId, { totalCents: 4498 })), []);
    const emitted = await service.deliver(stockReserved(orderId));
    assert.deepEqual(emitted.map((event) => [event.type, event.data]), [
      ['payment.captured', { orderId, paymentId: (emitted[0]!.data as { paymentId: string }).paymentId, amountCents: 4498 }],
    ]);
    assert.deepEqual(await service.deliver(stockReserved(orderId)), [], 'a second reservation charges nothing');
    const { status, body } = await getPayment(orderId);
    assert.equal(status, 200);
    assert.equal(body.captured, 44.98);
    assert.equal(body.refunded, 0);
    assert.equal(body.status, 'CAPTURED');
    assert.deepEqual(body.operations.map((operation: { kind: string; amount: number }) => [operation.kind, operation.amount]), [['capture', 44.98]]);
  });

  it('declines tok_declined and totals over 5,000.00', async () => {
    const declinedCard = newOrderId();
    await service.deliver(orderCreated(declinedCard, { paymentToken: 'tok_declined' }));
    const [card] = await service.deliver(stockReserved(declinedCard));
    assert.deepEqual([card!.type, card!.data], ['payment.declined', { orderId: declinedCard, amountCents: 1999, reason: 'card_declined' }]);

    const tooMuch = newOrderId();
    await service.deliver(orderCreated(tooMuch, { totalCents: 500_001 }));
    const [limit] = await service.deliver(stockReserved(tooMuch));
    assert.deepEqual([limit!.type, limit!.data], ['payment.declined', { orderId: tooMuch, amountCents: 500_001, reason: 'amount_over_limit' }]);
    assert.equal((await getPayment(tooMuch)).body.captured, 0);
  });

  it('tok_hang leaves the payment awaiting the provider and emits nothing', async () => {
    const orderId = newOrderId();
    await service.deliver(orderCreated(orderId, { paymentToken: 'tok_hang' }));
    assert.deepEqual(await service.deliver(stockReserved(orderId)), []);
    assert.equal((await getPayment(orderId)).body.status, 'AWAITING_PROVIDER');
  });

  it('stock.reserved before order.created throws so the pipeline retries, and stores nothing', async () => {
    const orderId = newOrderId();
    await assert.rejects(service.deliver(stockReserved(orderId)), /not seen yet/);
    assert.equal((await getPayment(orderId)).status, 404);
    await service.deliver(orderCreated(orderId));
    assert.equal((await service.deliver(stockReserved(orderId)))[0]!.type, 'payment.captured');
  });

  it('shipment.failed then shipment.cancelled: exactly one refund of the captured amount', async () => {
    const orderId = newOrderId();
    await service.deliver(orderCreated(orderId, { totalCents: 2500 }));
    await service.deliver(stockReserved(orderId));
    const first = await service.deliver(shipmentFailed(orderId));
    assert.deepEqual(first.map((event) => [event.type, (event.data as { amountCents: number }).amountCents]), [['payment.refunded', 2500]]);
    assert.deepEqual(await service.deliver(shipmentCancelled(orderId)), []);
    assert.deepEqual(await service.deliver(shipmentFailed(orderId)), []);
    const { body } = await getPayment(orderId);
    assert.equal(body.status, 'REFUNDED');
    assert.equal(body.refunded, 25);
    assert.equal(body.operations.filter((operation: { kind: string }) => operation.kind === 'refund').length, 1);
  });

  it('a cancellation before anything was captured passes the relay on with a refund of 0', async () => {
    const orderId = newOrderId();
    const [refunded] = await service.deliver(shipmentCancelled(orderId, false));
    assert.deepEqual([refunded!.type, (refunded!.data as { amountCents: number }).amountCents], ['payment.refunded', 0]);
    await service.deliver(orderCreated(orderId));
    assert.deepEqual(await service.deliver(stockReserved(orderId)), [], 'no capture after the relay passed');
    assert.equal((await getPayment(orderId)).body.captured, 0);
  });

  it('answers 404 for an unknown order', async () => {
    const { status, body } = await getPayment(newOrderId());
    assert.equal(status, 404);
    assert.equal(body.error, 'Not Found');
  });
});
