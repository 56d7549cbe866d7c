import assert from 'node:assert/strict';
import { amqpPropertyMismatches, toAmqpProperties } from '@troupe/contracts';
import { createEvent } from './catalogue';

describe('toAmqpProperties', () => {
  const event = createEvent('shipment.scheduled', { orderId: '3f0c9a52-8d0e-4b8e-9a57-2f1b6c1d7e10', shipmentId: 'shp_1' }, {
    source: 'shipping-service',
    time: '2026-11-30T09:00:01.999Z',
  });

  it('mirrors id, type, source, time (in seconds) and correlation', () => {
    assert.deepEqual(toAmqpProperties(event), {
      messageId: event.id,
      type: 'shipment.scheduled',
      appId: 'shipping-service',
      timestamp: Date.UTC(2026, 10, 30, 9, 0, 1) / 1000,
      contentType: 'application/json',
      correlationId: event.correlationid,
    });
  });

  it('reports properties that contradict the body, and tolerates absent ones', () => {
    assert.deepEqual(amqpPropertyMismatches({ messageId: event.id }, event), []);
    assert.deepEqual(amqpPropertyMismatches({ type: 'shipment.failed', appId: 'shipping-service' }, event), [
      "AMQP type 'shipment.failed' differs from the envelope's 'shipment.scheduled'",
    ]);
  });
});
