import assert from 'node:assert/strict';
import { hopsFromJaeger, type JaegerAnswer } from './jaeger-source';

const span = (tags: Record<string, unknown>, startTime = 1_000_000) => ({
  operationName: 'x', startTime, processID: 'p1', tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
});

describe('inspect: Jaeger spans as hops', () => {
  it('keeps only messaging spans of this order, with service, event, time, direction and errors', () => {
    const answer: JaegerAnswer = {
      data: [{
        processes: { p1: { serviceName: 'payment-service' } },
        spans: [
          span({ 'order.id': 'o1', 'messaging.operation': 'process', 'messaging.rabbitmq.destination.routing_key': 'stock.reserved', error: true }, 2_000_000),
          span({ 'order.id': 'o1', 'messaging.operation.type': 'send', 'messaging.rabbitmq.destination.routing_key': 'payment.captured' }, 3_500_000),
          span({ 'order.id': 'o2', 'messaging.operation': 'publish', 'messaging.rabbitmq.destination.routing_key': 'payment.captured' }),
          span({ 'order.id': 'o1', 'http.request.method': 'GET' }),
        ],
      }],
    };
    assert.deepEqual(hopsFromJaeger(answer, 'o1'), [
      { service: 'payment-service', event: 'stock.reserved', at: 2000, action: 'processed', source: 'jaeger', error: 'span recorded an error' },
      { service: 'payment-service', event: 'payment.captured', at: 3500, action: 'emitted', source: 'jaeger' },
    ]);
  });
});
