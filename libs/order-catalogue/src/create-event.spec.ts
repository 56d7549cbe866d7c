import assert from 'node:assert/strict';
import { createEvent } from './catalogue';
import { validateEvent } from './catalogue';

const orderId = '3f0c9a52-8d0e-4b8e-9a57-2f1b6c1d7e10';

describe('createEvent', () => {
  it('fills id, time, subject, correlation and the latest dataschema, and the result validates', () => {
    const event = createEvent('stock.reserved', { orderId, items: [{ sku: 'SKU-001', quantity: 2 }] }, { source: 'inventory-service' });
    assert.match(event.id, /^[0-9a-f-]{36}$/);
    assert.ok(!Number.isNaN(Date.parse(event.time)));
    assert.equal(event.subject, orderId);
    assert.equal(event.correlationid, orderId);
    assert.equal(event.causationid, undefined);
    assert.equal(event.dataschema, 'https://troupe.dev/schemas/stock.reserved/v1');
    assert.deepEqual(validateEvent(event), { ok: true, event });
  });

  it('takes causation and correlation from the event it reacts to', () => {
    const cause = createEvent('order.cancellation-requested', { orderId, reason: 'timed_out', orderVersion: 2 }, { source: 'order-service', correlationId: 'saga-42' });
    const reaction = createEvent('shipment.cancelled', { orderId, wasScheduled: false, reason: 'timed_out' }, { source: 'shipping-service', causedBy: cause });
    assert.equal(reaction.causationid, cause.id);
    assert.equal(reaction.correlationid, 'saga-42');
  });

  it('honours explicit id, time and subject', () => {
    const time = new Date('2026-11-30T09:00:00.000Z');
    const event = createEvent('shipment.failed', { orderId, reason: 'invalid_postal_code' }, { source: 'shipping-service', id: '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b', time });
    assert.equal(event.id, '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b');
    assert.equal(event.time, '2026-11-30T09:00:00.000Z');
  });

  it('type-checks the payload against the event type (compile-time, proven by tsc)', () => {
    // @ts-expect-error stock.reserved has no amountCents and needs items
    const wrong = () => createEvent('stock.reserved', { orderId, amountCents: 5 }, { source: 'inventory-service' });
    // @ts-expect-error 'maybe' is not a CustomerNotified outcome
    const badEnum = () => createEvent('customer.notified', { orderId, notificationId: orderId, outcome: 'maybe', channel: 'email' }, { source: 'n' });
    assert.equal(typeof wrong, 'function');
    assert.equal(typeof badEnum, 'function');
  });

  it('refuses an unknown type at run time (callers outside TypeScript)', () => {
    assert.throws(() => createEvent('order.teleported' as 'order.created', { orderId } as never, { source: 'x' }), /unknown event type 'order.teleported'/);
  });
});
