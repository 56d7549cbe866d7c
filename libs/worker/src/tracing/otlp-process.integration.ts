import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildTopology } from '@troupe/messaging';
import { deleteTopologies } from '@troupe/messaging/testing';
import { startAppProcess } from '@troupe/testing';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: number | string } }>;
}

describe('OTLP export from a real app process (loopback receiver, http/json)', function () {
  this.timeout(60_000);
  const prefix = `test-otlp-${process.pid}-${Date.now()}.`;
  const posts: Array<{ path: string; body: { resourceSpans: Array<{ resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> } }> = [];
  let receiver: Server;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-otlp-'));
    receiver = createServer((request, response) => {
      let text = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      request.on('end', () => {
        posts.push({ path: request.url ?? '', body: JSON.parse(text) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: 'fixture-worker', consumes: [] })]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports the request span and the outbox publish span of one trace when SIGTERM stops the app', async () => {
    const { port } = receiver.address() as AddressInfo;
    const app = await startAppProcess({
      entry: 'libs/worker/src/test-fixtures/fixture-worker.ts',
      env: { DATA_DIR: dataDir, RABBITMQ_PREFIX: prefix, RABBITMQ_URL: brokerUrl, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    });
    const response = await fetch(`${app.url}/emit`, { method: 'POST' });
    assert.equal(response.status, 202);
    const { orderId } = (await response.json()) as { orderId: string };

    const exit = await app.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, app.stdout());
    assert.ok(posts.length >= 1);
    assert.ok(posts.every((post) => post.path === '/v1/traces'));
    const resources = posts.flatMap((post) => post.body.resourceSpans);
    const serviceNames = resources.map((entry) => entry.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue);
    assert.deepEqual(new Set(serviceNames), new Set(['fixture-worker']));
    const spans = resources.flatMap((entry) => entry.scopeSpans.flatMap((scope) => scope.spans));
    const attribute = (span: OtlpSpan, key: string) => span.attributes.find((entry) => entry.key === key)?.value.stringValue;

    const request = spans.find((span) => span.name === 'POST /emit')!;
    const publish = spans.find((span) => span.name === 'publish order.created')!;
    assert.ok(request && publish, `spans exported: ${spans.map((span) => span.name).join(', ')}`);
    assert.equal(request.parentSpanId ?? '', '');
    assert.equal(publish.traceId, request.traceId);
    assert.equal(publish.parentSpanId, request.spanId);
    assert.equal(attribute(request, 'order.id'), orderId);
    assert.equal(attribute(publish, 'order.id'), orderId);
    assert.equal(attribute(publish, 'messaging.system'), 'rabbitmq');
    assert.equal(spans.some((span) => span.name.includes('/health')), false);
  });
});
