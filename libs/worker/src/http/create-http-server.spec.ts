import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../logging/create-logger';
import { createMetrics } from '../metrics/create-metrics';
import { createHttpServer, HttpServer } from './create-http-server';

const silent = createLogger('test-service', 'silent', new Writable({ write: (_chunk, _encoding, done) => done() }));

describe('createHttpServer', () => {
  let up: { broker: boolean; store: boolean };
  let http: HttpServer;
  const metrics = createMetrics('test-service');

  beforeEach(async () => {
    up = { broker: true, store: true };
    http = createHttpServer({
      logger: silent,
      registry: metrics.registry,
      checks: { broker: () => up.broker, store: async () => up.store },
      healthCheckTimeoutMs: 200,
    });
    http.post(
      '/orders',
      {
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['customerId', 'items'],
            properties: {
              customerId: { type: 'string', minLength: 1 },
              items: { type: 'array', items: { type: 'object', required: ['quantity'], properties: { quantity: { type: 'integer', minimum: 1 } } } },
            },
          },
        },
      },
      async (request) => ({ received: request.body }),
    );
    http.get('/boom', async () => {
      throw new Error('database password is hunter2');
    });
    await http.ready();
  });
  afterEach(() => http.close());

  describe('GET /health', () => {
    it('is 200 with every check true while broker and store are up', async () => {
      const response = await http.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'ok', checks: { broker: true, store: true } });
    });

    it('is 503 naming the broker when it is down', async () => {
      up.broker = false;
      const response = await http.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 503);
      assert.deepEqual(response.json(), { status: 'unavailable', checks: { broker: false, store: true } });
    });

    it('is 503 when the store check throws or never answers', async () => {
      const hanging = createHttpServer({
        logger: silent,
        registry: metrics.registry,
        checks: { broker: () => true, store: () => new Promise<boolean>(() => undefined), other: () => { throw new Error('x'); } },
        healthCheckTimeoutMs: 50,
      });
      const response = await hanging.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 503);
      assert.deepEqual(response.json().checks, { broker: true, store: false, other: false });
      await hanging.close();
    });
  });

  describe('GET /metrics', () => {
    it('serves Prometheus text with process metrics and the messaging counters labelled by service and event', async () => {
      metrics.messaging.consumed('stock.reserved');
      metrics.messaging.failed('stock.reserved', 'handler-error');
      metrics.messaging.retried('stock.reserved', 1);
      metrics.messaging.deadLettered('order.created', 'invalid-data');
      metrics.messaging.handlerLatency('stock.reserved', 0.003);
      metrics.messaging.duplicate('stock.reserved');
      metrics.messaging.published('payment.captured');
      metrics.messaging.publishConfirmLatency('payment.captured', 0.0018);
      metrics.messaging.returned('payment-service.retry', 'no-route');
      metrics.messaging.topologyRedeclared('consumer-lost');
      metrics.messaging.unroutableDropped('payment.captured');
      const response = await http.inject({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const text = response.body;
      assert.match(text, /^process_cpu_user_seconds_total\{service="test-service"\} /m);
      assert.match(text, /^troupe_messages_consumed_total\{event="stock\.reserved",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_messages_failed_total\{event="stock\.reserved",reason="handler-error",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_messages_duplicate_total\{event="stock\.reserved",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_messages_published_total\{event="payment\.captured",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_messages_retried_total\{event="stock\.reserved",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_messages_dead_lettered_total\{event="order\.created",reason="invalid-data",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_messages_returned_total\{exchange="payment-service\.retry",reason="no-route",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_topology_redeclared_total\{trigger="consumer-lost",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_outbox_unroutable_dropped_total\{event="payment\.captured",service="test-service"\} 1$/m);
      assert.match(text, /^troupe_handler_duration_seconds_bucket\{le="0\.005",service="test-service",event="stock\.reserved"\} 1$/m);
      assert.match(text, /^troupe_handler_duration_seconds_bucket\{le="0\.0025",service="test-service",event="stock\.reserved"\} 0$/m);
      assert.match(text, /^troupe_publish_confirm_duration_seconds_bucket\{le="0\.001",service="test-service",event="payment\.captured"\} 0$/m);
      assert.match(text, /^troupe_publish_confirm_duration_seconds_bucket\{le="0\.002",service="test-service",event="payment\.captured"\} 1$/m);
    });
  });

  describe('HTTP request metrics', () => {
    it('counts and times requests by route pattern (not the raw URL), method and status class', async () => {
      const registry = createMetrics('http-metrics').registry;
      const server = createHttpServer({ logger: silent, registry, checks: {} });
      server.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => (request.params.id === 'missing' ? reply.status(404).send({}) : { id: request.params.id }));
      for (const id of ['a1', 'b2', 'c3']) await server.inject({ url: `/orders/${id}` });
      await server.inject({ url: '/orders/missing' });
      await server.inject({ url: '/no/such/route/42' });
      await server.inject({ method: 'POST', url: '/orders/a1' });
      const text = (await server.inject({ url: '/metrics' })).body;
      const line = (name: string, labels: string) => new RegExp(`^${name}\\{${labels},service="http-metrics"\\} (\\S+)$`, 'm').exec(text)?.[1];
      assert.equal(line('troupe_http_requests_total', 'route="/orders/:id",method="GET",status_class="2xx"'), '3');
      assert.equal(line('troupe_http_requests_total', 'route="/orders/:id",method="GET",status_class="4xx"'), '1');
      // An unknown path and a method without a route share one series instead of one per URL.
      assert.equal(line('troupe_http_requests_total', 'route="\\(unmatched\\)",method="GET",status_class="4xx"'), '1');
      assert.equal(line('troupe_http_requests_total', 'route="\\(unmatched\\)",method="POST",status_class="4xx"'), '1');
      // prom-client puts the default label first on histogram series.
      assert.match(text, /^troupe_http_request_duration_seconds_count\{service="http-metrics",route="\/orders\/:id",method="GET",status_class="2xx"\} 3$/m);
      assert.match(text, /^troupe_http_request_duration_seconds_bucket\{le="10",service="http-metrics",route="\/orders\/:id",method="GET",status_class="2xx"\} 3$/m);
      assert.doesNotMatch(text, /a1|b2|c3|\/no\/such/, 'no raw URL becomes a label');
      await server.close();
    });

    it('shares the series when several servers use one registry', async () => {
      const registry = createMetrics('shared').registry;
      const first = createHttpServer({ logger: silent, registry, checks: {} });
      const second = createHttpServer({ logger: silent, registry, checks: {} });
      await first.inject({ url: '/health' });
      await second.inject({ url: '/health' });
      assert.match((await registry.metrics()), /^troupe_http_requests_total\{route="\/health",method="GET",status_class="2xx",service="shared"\} 2$/m);
      await Promise.all([first.close(), second.close()]);
    });
  });

  describe('request bodies', () => {
    const valid = { customerId: 'c1', items: [{ quantity: 2 }] };

    it('accepts a valid body', async () => {
      const response = await http.inject({ method: 'POST', url: '/orders', payload: valid });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { received: valid });
    });

    it('answers 413 above 64 KB', async () => {
      const payload = JSON.stringify({ ...valid, customerId: 'x'.repeat(65_536) });
      const response = await http.inject({ method: 'POST', url: '/orders', payload, headers: { 'content-type': 'application/json' } });
      assert.equal(response.statusCode, 413);
      assert.deepEqual(response.json(), { error: 'Payload Too Large', message: 'body exceeds the 64 KiB limit', code: 'FST_ERR_CTP_BODY_TOO_LARGE', limitBytes: 65_536 });
    });

    it("names a route's own body limit and a configured one in the 413", async () => {
      const small = createHttpServer({ logger: silent, registry: createMetrics('small').registry, checks: {}, bodyLimit: 1_000 });
      small.post('/small', async () => ({}));
      small.post('/big', { bodyLimit: 2 * 1024 * 1024 }, async () => ({}));
      const headers = { 'content-type': 'application/json' };
      const tooBig = await small.inject({ method: 'POST', url: '/small', payload: JSON.stringify({ x: 'y'.repeat(1_000) }), headers });
      assert.equal(tooBig.statusCode, 413);
      assert.equal(tooBig.json().message, 'body exceeds the 1000 bytes limit');
      const routeLimit = await small.inject({ method: 'POST', url: '/big', payload: JSON.stringify({ x: 'y'.repeat(3 * 1024 * 1024) }), headers });
      assert.equal(routeLimit.statusCode, 413);
      assert.equal(routeLimit.json().message, 'body exceeds the 2 MiB limit');
      await small.close();
    });

    it('answers 415 saying to send application/json to a form-encoded or text body', async () => {
      for (const [contentType, named] of [
        ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
        ['text/plain; charset=utf-8', 'text/plain'],
        ['application/xml', 'application/xml'],
      ]) {
        const response = await http.inject({ method: 'POST', url: '/orders', payload: 'customerId=c1&items=1', headers: { 'content-type': contentType! } });
        assert.equal(response.statusCode, 415, contentType);
        assert.deepEqual(response.json(), {
          error: 'Unsupported Media Type',
          message: `Content-Type ${named} is not accepted: send JSON with Content-Type: application/json`,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        });
      }
      // JSON with parameters (a charset) is still JSON.
      const withCharset = await http.inject({ method: 'POST', url: '/orders', payload: JSON.stringify(valid), headers: { 'content-type': 'application/json; charset=utf-8' } });
      assert.equal(withCharset.statusCode, 200);
    });

    it('lists the allowed values when a value is not one of an enum', async () => {
      const server = createHttpServer({ logger: silent, registry: createMetrics('enum').registry, checks: {} });
      server.get('/orders', { schema: { querystring: { type: 'object', properties: { status: { type: 'string', enum: ['PENDING', 'CONFIRMED'] } } } } }, async () => ({}));
      const response = await server.inject({ method: 'GET', url: '/orders?status=DONE' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json().fields, [{ field: 'status', message: 'must be one of "PENDING", "CONFIRMED"' }]);
      assert.equal(response.json().message, 'invalid querystring: status must be one of "PENDING", "CONFIRMED"');
      await server.close();
    });

    it('answers 400 to malformed JSON', async () => {
      const response = await http.inject({ method: 'POST', url: '/orders', payload: '{"customerId":', headers: { 'content-type': 'application/json' } });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error, 'Bad Request');
      assert.equal(response.json().code, 'FST_ERR_CTP_INVALID_JSON_BODY');
    });

    it('answers 400 naming every invalid, missing and unknown field', async () => {
      const response = await http.inject({ method: 'POST', url: '/orders', payload: { items: [{ quantity: 0 }], colour: 'red' } });
      assert.equal(response.statusCode, 400);
      const body = response.json();
      assert.deepEqual(
        body.fields.map((f: { field: string }) => f.field).sort(),
        ['colour', 'customerId', 'items[0].quantity'],
      );
      assert.match(body.message, /^invalid body: /);
      assert.match(body.message, /items\[0\]\.quantity must be >= 1/);
      assert.match(body.message, /customerId is required/);
      assert.match(body.message, /colour is not allowed/);
    });

    it('answers 404 with the same error shape for an unknown route', async () => {
      const response = await http.inject({ method: 'GET', url: '/nope?x=1' });
      assert.equal(response.statusCode, 404);
      assert.deepEqual(response.json(), { error: 'Not Found', message: 'no route for GET /nope' });
    });

    it('hides the details of an unexpected error behind a 500', async () => {
      const response = await http.inject({ method: 'GET', url: '/boom' });
      assert.equal(response.statusCode, 500);
      assert.doesNotMatch(response.body, /hunter2/);
    });
  });
});
