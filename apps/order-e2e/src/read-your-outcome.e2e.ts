import assert from 'node:assert/strict';
import { orderBody, type OrderView, type ReadModelOrder } from '@troupe/order-testing';
import { useOrderSystem } from './use-order-system';

describe('the first hour, end to end: read-your-outcome, errors that say what to do, the operations metrics', function () {
  this.timeout(90_000);
  const system = useOrderSystem();

  it('one GET ?wait=terminal on order-service and on order-view answers 200 with the outcome, no polling', async () => {
    const sys = system();
    const { orderId } = await sys.orders.placeAccepted(orderBody({ customerId: 'outcome-1' }));
    const outcome = await sys.request<OrderView>('order-service', 'GET', `/orders/${orderId}?wait=terminal&waitMs=10000`);
    assert.equal(outcome.status, 200, outcome.text);
    assert.equal(outcome.body.status, 'CONFIRMED');
    const viewed = await sys.request<ReadModelOrder>('order-view', 'GET', `/orders/${orderId}?wait=terminal&waitMs=10000`);
    assert.equal(viewed.status, 200, viewed.text);
    assert.equal(viewed.body.status, 'CONFIRMED');
  });

  it('a saga still running when waitMs runs out is a 202 with Retry-After and the PENDING order', async () => {
    const sys = system();
    // tok_hang: the payment provider never answers, so the saga waits for its deadline (30 s).
    const { orderId } = await sys.orders.placeAccepted(orderBody({ customerId: 'outcome-hang', paymentToken: 'tok_hang' }));
    const pending = await sys.request<OrderView>('order-service', 'GET', `/orders/${orderId}?wait=terminal&waitMs=300`);
    assert.equal(pending.status, 202, pending.text);
    assert.equal(pending.headers.get('retry-after'), '1');
    assert.equal(pending.body.status, 'PENDING');
    assert.equal((await sys.orders.cancel(orderId)).status, 202);
    const cancelled = await sys.request<OrderView>('order-service', 'GET', `/orders/${orderId}?wait=terminal&waitMs=10000`);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.status, 'CANCELLED');
  });

  it('refuses a form-encoded body with 415 and an unknown field with 400, each saying what to change', async () => {
    const sys = system();
    const form = await sys.request<{ message: string }>('order-service', 'POST', '/orders', {
      rawBody: 'customerId=c1&paymentToken=tok_visa',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 415, form.text);
    assert.match(form.body.message, /send JSON with Content-Type: application\/json/);
    const unknown = await sys.request<{ message: string }>('order-service', 'POST', '/orders', { json: { ...orderBody(), coupon: 'SAVE10' } });
    assert.equal(unknown.status, 400, unknown.text);
    assert.match(unknown.body.message, /coupon is not allowed/);
  });

  it("every worker's /metrics has the HTTP series per route, its DLQ depth, its outbox backlog and its consumers", async () => {
    const sys = system();
    const text = (await sys.request('order-service', 'GET', '/metrics')).text;
    assert.match(text, /^troupe_http_requests_total\{route="\/orders\/:id",method="GET",status_class="2xx",service="order-service"\} \d+$/m);
    assert.match(text, /^troupe_dlq_messages\{queue="[^"]*order-service\.dlq",service="order-service"\} \d+$/m);
    assert.match(text, /^troupe_outbox_pending\{service="order-service"\} \d+$/m);
    assert.match(text, /^troupe_consumers\{queue="[^"]*order-service\.shipment\.scheduled",service="order-service"\} 1$/m);
  });
});
