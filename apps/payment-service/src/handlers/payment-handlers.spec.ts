import assert from 'node:assert/strict';
import { orderCatalogue } from '@troupe/order-catalogue';
import { paymentHandlers } from './payment-handlers';
import { paymentRoutes } from '../routes/payment-routes';
import { inMemoryService, type InMemoryService } from '@troupe/worker/testing';
import { loadPayment, savePayment } from '../payments/payments';
import { newOrderId, shipmentCancelled, shipmentFailed, shippingAddress, stockReserved, stockReservedWithoutCharge } from '../testing/upstream-events';

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

  /** The record a previous release opened on `order.created`: PENDING, with the charge it remembered. */
  const rememberedByPreviousRelease = (orderId: string, paymentToken: string, totalCents: number) =>
    savePayment(service.store, undefined, {
      orderId, charge: { paymentToken, totalCents }, status: 'PENDING', capturedCents: 0, refundedCents: 0, compensated: false, operations: [],
    });

  it('captures the total stock.reserved carries, once, passes its address on, and serves it in currency units', async () => {
    const orderId = newOrderId();
    const emitted = await service.deliver(stockReserved(orderId, { totalCents: 4498 }));
    assert.deepEqual(emitted.map((event) => [event.type, event.data]), [
      ['payment.captured', { orderId, paymentId: (emitted[0]!.data as { paymentId: string }).paymentId, amountCents: 4498, shippingAddress }],
    ]);
    assert.deepEqual(await service.deliver(stockReserved(orderId, { totalCents: 4498 })), [], 'a second reservation charges nothing');
    const { status, body } = await getPayment(orderId);
    assert.equal(status, 200);
    assert.equal(body.captured, 44.98);
    assert.equal(body.refunded, 0);
    assert.equal(body.status, 'CAPTURED');
    assert.deepEqual(body.operations.map((operation: { kind: string; amount: number }) => [operation.kind, operation.amount]), [['capture', 44.98]]);
    assert.equal((await loadPayment(service.store, orderId))!.charge, undefined, 'the token is not kept');
  });

  it('declines tok_declined and totals over 5,000.00', async () => {
    const declinedCard = newOrderId();
    const [card] = await service.deliver(stockReserved(declinedCard, { paymentToken: 'tok_declined' }));
    assert.deepEqual([card!.type, card!.data], ['payment.declined', { orderId: declinedCard, amountCents: 1999, reason: 'card_declined' }]);

    const tooMuch = newOrderId();
    const [limit] = await service.deliver(stockReserved(tooMuch, { totalCents: 500_001 }));
    assert.deepEqual([limit!.type, limit!.data], ['payment.declined', { orderId: tooMuch, amountCents: 500_001, reason: 'amount_over_limit' }]);
    assert.equal((await getPayment(tooMuch)).body.captured, 0);
  });

  it('tok_hang leaves the payment awaiting the provider and emits nothing', async () => {
    const orderId = newOrderId();
    assert.deepEqual(await service.deliver(stockReserved(orderId, { paymentToken: 'tok_hang' })), []);
    assert.equal((await getPayment(orderId)).body.status, 'AWAITING_PROVIDER');
  });

  it('a stock.reserved without charge is charged from the record a previous release remembered', async () => {
    const orderId = newOrderId();
    await rememberedByPreviousRelease(orderId, 'tok_visa', 2500);
    const emitted = await service.deliver(stockReservedWithoutCharge(orderId));
    assert.deepEqual(emitted.map((event) => [event.type, (event.data as { amountCents: number }).amountCents]), [['payment.captured', 2500]]);
    assert.equal('shippingAddress' in emitted[0]!.data, false, 'no address to pass on: shipping uses the one it remembered');
    assert.equal((await getPayment(orderId)).body.captured, 25);
  });

  it('a stock.reserved without charge and nothing remembered throws so the pipeline retries (then dead-letters), and stores nothing', async () => {
    const orderId = newOrderId();
    await assert.rejects(
      service.deliver(stockReservedWithoutCharge(orderId)),
      (error: Error) => error.name === 'Error' && error.message === `stock.reserved for ${orderId} carries no charge and none was remembered (sent by an inventory-service older than this release?)`,
    );
    assert.equal((await getPayment(orderId)).status, 404);
  });

  it('shipment.failed then shipment.cancelled: exactly one refund of the captured amount', async () => {
    const orderId = newOrderId();
    await service.deliver(stockReserved(orderId, { totalCents: 2500 }));
    const first = await service.deliver(shipmentFailed(orderId));
    assert.deepEqual(first.map((event) => [event.type, (event.data as { amountCents: number }).amountCents]), [['payment.refunded', 2500]]);
    assert.deepEqual(await service.deliver(shipmentCancelled(orderId)), []);
    assert.deepEqual(await service.deliver(shipmentFailed(orderId)), []);
    const { body } = await getPayment(orderId);
    assert.equal(body.status, 'REFUNDED');
    assert.equal(body.refunded, 25);
    assert.equal(body.operations.filter((operation: { kind: string }) => operation.kind === 'refund').length, 1);
  });

  it('a cancellation before stock.reserved passes the relay on with a refund of 0, and nothing is captured afterwards', async () => {
    const orderId = newOrderId();
    const [refunded] = await service.deliver(shipmentCancelled(orderId, false));
    assert.deepEqual([refunded!.type, (refunded!.data as { amountCents: number }).amountCents], ['payment.refunded', 0]);
    assert.deepEqual(await service.deliver(stockReserved(orderId)), [], 'no capture after the relay passed');
    assert.deepEqual(await service.deliver(stockReservedWithoutCharge(orderId)), [], 'refused, not retried');
    assert.equal((await getPayment(orderId)).body.captured, 0);
    assert.equal((await getPayment(orderId)).body.status, 'CANCELLED');
  });

  it('answers 404 for an unknown order', async () => {
    const { status, body } = await getPayment(newOrderId());
    assert.equal(status, 404);
    assert.equal(body.error, 'Not Found');
  });
});
