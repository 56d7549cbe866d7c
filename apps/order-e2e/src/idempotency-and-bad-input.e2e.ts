import assert from 'node:assert/strict';
import { expectStatus, listAllOrders, orderBody, type ErrorBody } from '@troupe/order-testing';
import { stockLevels } from './order-expectations';
import { useOrderSystem } from './use-order-system';

describe('order-service HTTP edge: idempotency and bad input, end to end', function () {
  this.timeout(90_000);
  const system = useOrderSystem();

  async function ordersOf(customerId: string) {
    return (await listAllOrders(system().orders)).filter((order) => order.customerId === customerId);
  }

  it('the same Idempotency-Key five times in a row gives one order, reserved and charged once', async () => {
    const sys = system();
    const body = orderBody({ customerId: 'idem-serial', items: [{ sku: 'SKU-040', quantity: 3, unitPrice: 2 }] });
    const before = await stockLevels(sys, ['SKU-040']);
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) answers.push(await sys.orders.place(body, { idempotencyKey: 'key-serial-1' }));
    for (const answer of answers) assert.ok([200, 201, 202].includes(answer.status), `${answer.status} ${answer.text}`);
    assert.equal(new Set(answers.map((answer) => answer.body.orderId)).size, 1, JSON.stringify(answers.map((answer) => answer.body)));
    const order = await sys.waitForTerminal(answers[0].body.orderId);
    assert.equal(order.status, 'CONFIRMED');
    assert.equal((await ordersOf('idem-serial')).length, 1);
    assert.equal((await stockLevels(sys, ['SKU-040'])).get('SKU-040')!.available, before.get('SKU-040')!.available - 3);
    const payment = expectStatus(await sys.payments.get(order.orderId), [200], 'GET /payments').body;
    assert.equal(payment.operations.length, 1, 'charged once');
  });

  it('the same Idempotency-Key five times at once gives one order', async () => {
    const sys = system();
    const body = orderBody({ customerId: 'idem-concurrent', items: [{ sku: 'SKU-041', quantity: 1, unitPrice: 2 }] });
    const answers = await Promise.all(Array.from({ length: 5 }, () => sys.orders.place(body, { idempotencyKey: 'key-concurrent-1' })));
    for (const answer of answers) assert.ok([200, 201, 202].includes(answer.status), `${answer.status} ${answer.text}`);
    assert.equal(new Set(answers.map((answer) => answer.body.orderId)).size, 1, JSON.stringify(answers.map((answer) => answer.body)));
    await sys.waitForTerminal(answers[0].body.orderId);
    assert.equal((await ordersOf('idem-concurrent')).length, 1);
  });

  it('answers malformed JSON with 400', async () => {
    const answer = await system().request<ErrorBody>('order-service', 'POST', '/orders', {
      rawBody: '{"customerId": "c-1", "items": [',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.body.error, 'Bad Request');
  });

  it('answers invalid fields with 400 naming each of them, and creates nothing', async () => {
    const sys = system();
    const body = {
      ...orderBody({ customerId: 'bad-fields' }),
      items: [{ sku: 'SKU-001', quantity: 0, unitPrice: 19.99 }],
      shippingAddress: { ...orderBody().shippingAddress, country: 'XX' },
    };
    const answer = await sys.orders.place(body);
    assert.equal(answer.status, 400, answer.text);
    const named = `${(answer.body as unknown as ErrorBody).message} ${JSON.stringify((answer.body as unknown as ErrorBody).fields ?? [])}`;
    assert.match(named, /items\[0\]\.quantity/);
    assert.match(named, /shippingAddress\.country/);
    const { customerId: _omitted, ...withoutCustomer } = orderBody();
    const missing = await sys.orders.place(withoutCustomer);
    assert.equal(missing.status, 400, missing.text);
    assert.match(missing.text, /customerId/);
    assert.equal((await ordersOf('bad-fields')).length, 0);
  });

  it('answers a body over 64 KB with 413', async () => {
    const body = orderBody({ customerId: 'x'.repeat(70 * 1024) });
    const answer = await system().orders.place(body);
    assert.equal(answer.status, 413, answer.text.slice(0, 300));
  });

  it('answers an unknown order with 404 on order-service and order-view', async () => {
    const sys = system();
    const unknown = '00000000-0000-4000-8000-000000000000';
    assert.equal((await sys.orders.get(unknown)).status, 404);
    assert.equal((await sys.orders.cancel(unknown)).status, 404);
    const view = await sys.orderView.get(unknown);
    assert.equal(view.status, 404, view.text);
  });
});
