import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTracing } from './start-tracing';

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

/** A loopback stand-in for Jaeger's OTLP/HTTP port: records every POST and answers 200. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', contentType: String(request.headers['content-type']), body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': String(request.headers['content-type']) }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('OTLP/HTTP export (loopback receiver)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => (receiver = await startReceiver()));
  afterEach(() => receiver.close());

  it('http/json: spans with service.name reach <endpoint>/v1/traces on shutdown', async () => {
    const tracing = startTracing({ service: 'order-service', otlpEndpoint: `${receiver.url}/`, protocol: 'http/json' });
    tracing.tracer.startSpan('POST /orders').end();
    await tracing.shutdown();
    assert.equal(receiver.received.length, 1);
    const [post] = receiver.received;
    assert.equal(post!.path, '/v1/traces');
    assert.match(post!.contentType, /application\/json/);
    const body = JSON.parse(post!.body.toString('utf8'));
    const resourceSpans = body.resourceSpans[0];
    const serviceName = resourceSpans.resource.attributes.find((attribute: { key: string }) => attribute.key === 'service.name');
    assert.equal(serviceName.value.stringValue, 'order-service');
    assert.deepEqual(resourceSpans.scopeSpans[0].spans.map((span: { name: string }) => span.name), ['POST /orders']);
  });

  it('http/protobuf (the default) posts a protobuf body holding the span', async () => {
    const tracing = startTracing({ service: 'inventory-service', otlpEndpoint: receiver.url });
    tracing.tracer.startSpan('process order.created').end();
    await tracing.shutdown();
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]!.contentType, 'application/x-protobuf');
    // Protobuf stores strings as raw UTF-8, so the names are there byte for byte.
    assert.ok(receiver.received[0]!.body.includes('process order.created'));
    assert.ok(receiver.received[0]!.body.includes('inventory-service'));
  });

  it('sends nothing and opens nothing when no endpoint is set', async () => {
    const tracing = startTracing({ service: 'quiet' });
    tracing.tracer.startSpan('ignored').end();
    await tracing.shutdown();
    assert.equal(tracing.enabled, false);
    assert.equal(receiver.received.length, 0);
  });
});
