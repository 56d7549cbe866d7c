import assert from 'node:assert/strict';
import { anOrderRequest, orderId, placedAt } from '../fixtures';
import { placeOrder } from './place-order';

describe('placeOrder', () => {
  const placed = placeOrder(anOrderRequest(), { orderId, now: placedAt, deadlineMs: 30_000 });

  it('creates a PENDING order at version 1 with its total in cents and a deadline', () => {
    assert.equal(placed.kind, 'changed');
    assert.equal(placed.state.status, 'PENDING');
    assert.equal(placed.state.version, 1);
    assert.equal(placed.state.totalCents, 2 * 1999 + 500);
    assert.equal(placed.state.deadline, '2026-01-01T00:00:30.000Z');
    assert.deepEqual(placed.state.timeline, [{ step: 'created', at: placedAt, version: 1 }]);
    assert.equal(placed.state.compensating, undefined);
  });

  it('emits order.created with everything the participants need', () => {
    assert.deepEqual(placed.emit, [
      {
        type: 'order.created',
        data: {
          orderId,
          customerId: 'cust-1',
          items: anOrderRequest().items,
          totalCents: 4498,
          paymentToken: 'tok_visa',
          shippingAddress: anOrderRequest().shippingAddress,
          deadline: '2026-01-01T00:00:30.000Z',
          orderVersion: 1,
        },
      },
    ]);
  });

  it('does not share arrays with the request', () => {
    const request = anOrderRequest();
    const order = placeOrder(request, { orderId, now: placedAt, deadlineMs: 1 }).state;
    request.items[0].quantity = 999;
    assert.equal(order.items[0].quantity, 2);
  });
});
