import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import Fastify, { type FastifyInstance } from 'fastify';
import { sagaKeyOf } from './saga-key';
import { startTracing } from './start-tracing';
import type { Tracing } from './tracing';

const remoteTraceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function server(tracing: Tracing, seen: (string | undefined)[]): FastifyInstance {
  const http = Fastify();
  tracing.traceHttpServer(http);
  http.post('/orders', async (_request, reply) => {
    // Through an await and a timer, as a store transaction would be.
    await new Promise((resolve) => setTimeout(resolve, 1));
    seen.push(tracing.currentTraceparent());
    tracing.tagSaga('order-7');
    return reply.status(202).send({ orderId: 'order-7' });
  });
  http.get('/orders/:id', async (request) => ({ id: (request.params as { id: string }).id }));
  http.get('/boom', async () => {
    throw new Error('broken');
  });
  http.get('/health', async () => ({ status: 'ok' }));
  return http;
}

describe('HTTP server spans', () => {
  const exporter = new InMemorySpanExporter();
  const seen: (string | undefined)[] = [];
  let tracing: Tracing;
  let http: FastifyInstance;
  before(() => {
    tracing = startTracing({ service: 'order-service', exporter, saga: sagaKeyOf({ name: 'order', subjectField: 'orderId' }) });
    http = server(tracing, seen);
  });
  after(async () => {
    await http.close();
    await tracing.shutdown();
  });
  beforeEach(() => {
    exporter.reset();
    seen.length = 0;
  });

  it('makes POST /orders the root SERVER span, active in the handler, tagged with the order id', async () => {
    const response = await http.inject({ method: 'POST', url: '/orders', payload: { a: 1 } });
    assert.equal(response.statusCode, 202);
    await tracing.forceFlush();
    const [span] = exporter.getFinishedSpans();
    assert.equal(span!.name, 'POST /orders');
    assert.equal(span!.kind, SpanKind.SERVER);
    assert.equal(span!.parentSpanContext, undefined);
    assert.equal(seen[0], `00-${span!.spanContext().traceId}-${span!.spanContext().spanId}-01`);
    assert.equal(span!.attributes['http.request.method'], 'POST');
    assert.equal(span!.attributes['http.route'], '/orders');
    assert.equal(span!.attributes['url.path'], '/orders');
    assert.equal(span!.attributes['http.response.status_code'], 202);
    assert.equal(span!.attributes['order.id'], 'order-7');
  });

  it('continues a caller trace, names the order from the route, marks 5xx, and skips probes', async () => {
    await http.inject({ method: 'GET', url: '/orders/order-9', headers: { traceparent: remoteTraceparent } });
    await http.inject({ method: 'GET', url: '/boom' });
    await http.inject({ method: 'GET', url: '/health' });
    await tracing.forceFlush();
    const [get, boom, ...rest] = exporter.getFinishedSpans();
    assert.equal(get!.name, 'GET /orders/:id');
    assert.equal(get!.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.equal(get!.parentSpanContext?.spanId, 'b7ad6b7169203331');
    assert.equal(get!.attributes['order.id'], 'order-9');
    assert.equal(boom!.status.code, SpanStatusCode.ERROR);
    assert.equal(boom!.attributes['http.response.status_code'], 500);
    assert.deepEqual(rest, []);
  });
});

describe('HTTP with tracing off', () => {
  it("hands the caller's traceparent to the handler unchanged, so the outbox row continues the caller's trace", async () => {
    const seen: (string | undefined)[] = [];
    const http = server(startTracing({ service: 'quiet' }), seen);
    await http.inject({ method: 'POST', url: '/orders', payload: {}, headers: { traceparent: remoteTraceparent } });
    await http.inject({ method: 'POST', url: '/orders', payload: {} });
    await http.close();
    assert.deepEqual(seen, [remoteTraceparent, undefined]);
  });
});
