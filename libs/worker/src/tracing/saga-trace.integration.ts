import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { SpanKind } from '@opentelemetry/api';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import { topologyNames } from '@troupe/messaging';
import { deleteTopologies, publishRaw } from '@troupe/messaging/testing';
import { InMemorySpanExporter, type ReadableSpan } from '@troupe/tracing';
import { initTracer, opentracing } from 'jaeger-client';
import { startWorker, type RunningWorker } from '../lifecycle/start-worker';
import { sagaServices } from './test-support/saga-services';
import { drawTree } from './test-support/span-tree';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';

describe('one trace per saga (five in-process services, real broker, in-memory exporter)', function () {
  this.timeout(90_000);
  const prefix = `test-trace-${process.pid}-${Date.now()}.`;
  const exporter = new InMemorySpanExporter();
  const workers: RunningWorker[] = [];
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-trace-'));
    for (const definition of sagaServices) {
      workers.push(
        await startWorker(definition, {
          env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: prefix, LOG_LEVEL: 'warn' },
          logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
          spanExporter: exporter,
        }),
      );
    }
    // Queues are declared once each broker connection is up; an order placed before that would be unroutable.
    const deadline = Date.now() + 30_000;
    while (!workers.every((worker) => worker.context.messaging.isReady())) {
      if (Date.now() > deadline) throw new Error('the five services did not become ready within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(async () => {
    for (const worker of workers) await worker.stop();
    await deleteTopologies(brokerUrl, workers.map((worker) => worker.context.messaging.topology));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Flushes every service until the spans of `orderId` number `count` (bounded), then returns them. */
  async function spansOf(orderId: string, count: number, timeoutMs = 30_000): Promise<ReadableSpan[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const worker of workers) await worker.context.tracing.forceFlush();
      const spans = exporter.getFinishedSpans().filter((span) => span.attributes['order.id'] === orderId);
      if (spans.length >= count) return spans;
      if (Date.now() > deadline) throw new Error(`only ${spans.length} of ${count} spans of ${orderId} within ${timeoutMs} ms:\n${drawTree(spans).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function placeOrder(decline: boolean): Promise<string> {
    const orders = workers.find((worker) => worker.context.service === 'trace-order')!;
    const response = await fetch(`${orders.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decline }) });
    assert.equal(response.status, 202);
    return ((await response.json()) as { orderId: string }).orderId;
  }

  function assertOneTraceWithMessagingAttributes(spans: readonly ReadableSpan[], orderId: string): void {
    const [root] = spans.filter((span) => span.parentSpanContext === undefined);
    assert.equal(root?.name, 'POST /orders');
    assert.equal(root.kind, SpanKind.SERVER);
    assert.deepEqual(new Set(spans.map((span) => span.spanContext().traceId)), new Set([root.spanContext().traceId]));
    for (const span of spans) {
      assert.equal(span.attributes['order.id'], orderId, `${span.name} has order.id`);
      if (span === root) continue;
      const operation = span.name.startsWith('publish ') ? 'publish' : 'process';
      const eventType = span.name.slice(operation.length + 1);
      assert.equal(span.kind, operation === 'publish' ? SpanKind.PRODUCER : SpanKind.CONSUMER, span.name);
      assert.equal(span.attributes['messaging.system'], 'rabbitmq');
      assert.equal(span.attributes['messaging.operation'], operation);
      assert.equal(span.attributes['messaging.rabbitmq.destination.routing_key'], eventType);
      assert.match(String(span.attributes['messaging.message.id']), /^[0-9a-f-]{36}$/);
      const service = String(span.resource.attributes['service.name']);
      assert.equal(span.attributes['messaging.destination.name'], operation === 'publish' ? topologyNames(prefix, service).eventsExchange : `${prefix}${service}.${eventType}`);
    }
  }

  it('a happy saga is one trace rooted at POST /orders with a process span in every service, each the child of its publish span', async () => {
    const orderId = await placeOrder(false);
    const spans = await spansOf(orderId, 12);
    assert.deepEqual(drawTree(spans), [
      'trace-order: POST /orders',
      '  trace-order: publish order.created',
      '    trace-inventory: process order.created',
      '      trace-inventory: publish stock.reserved',
      '        trace-payment: process stock.reserved',
      '          trace-payment: publish payment.captured',
      '            trace-shipping: process payment.captured',
      '              trace-shipping: publish shipment.scheduled',
      '                trace-order: process shipment.scheduled',
      '                  trace-order: publish order.confirmed',
      '                    trace-notification: process order.confirmed',
      '                      trace-notification: publish customer.notified',
    ]);
    assertOneTraceWithMessagingAttributes(spans, orderId);
  });

  it('a compensated saga (payment declined → stock released → order cancelled) stays in the same one trace', async () => {
    const orderId = await placeOrder(true);
    const spans = await spansOf(orderId, 12);
    assert.deepEqual(drawTree(spans), [
      'trace-order: POST /orders',
      '  trace-order: publish order.created',
      '    trace-inventory: process order.created',
      '      trace-inventory: publish stock.reserved',
      '        trace-payment: process stock.reserved',
      '          trace-payment: publish payment.declined',
      '            trace-inventory: process payment.declined',
      '              trace-inventory: publish stock.released',
      '                trace-order: process stock.released',
      '                  trace-order: publish order.cancelled',
      '                    trace-notification: process order.cancelled',
      '                      trace-notification: publish customer.notified',
    ]);
    assertOneTraceWithMessagingAttributes(spans, orderId);
  });

  it('an event published by a jaeger-client service (uber-trace-id only) is processed in that Jaeger trace, and the chain stays in it', async () => {
    const reported: opentracing.Span[] = [];
    const jaeger = initTracer(
      { serviceName: 'legacy-checkout', sampler: { type: 'const', param: 1 } },
      { reporter: { report: (span) => void reported.push(span), close: (done) => done?.(), setProcess: () => undefined }, logger: { info: () => undefined, error: () => undefined } },
    );
    const legacySpan = jaeger.startSpan('legacy checkout');
    const headers: Record<string, string> = {};
    jaeger.inject(legacySpan, opentracing.FORMAT_TEXT_MAP, headers);
    assert.deepEqual(Object.keys(headers), ['uber-trace-id']);
    const [jaegerTraceId, jaegerSpanId] = headers['uber-trace-id']!.split(':') as [string, string];

    const event = sampleEvent('order.created', { orderId: '7d9a1c3e-1111-4e8e-9a57-2f1b6c1d7e10', items: [{ sku: 'SKU-001', quantity: 1, unitPriceCents: 1000 }] }, { source: 'legacy-checkout' });
    await publishRaw(brokerUrl, topologyNames(prefix, 'legacy-checkout').eventsExchange, 'order.created', Buffer.from(JSON.stringify(event)), {
      messageId: event.id,
      type: event.type,
      contentType: 'application/json',
      correlationId: event.correlationid,
      headers,
    });
    legacySpan.finish();
    jaeger.close();

    const spans = await spansOf(event.data.orderId, 10);
    const traceId = jaegerTraceId.padStart(32, '0');
    assert.deepEqual(new Set(spans.map((span) => span.spanContext().traceId)), new Set([traceId]));
    const processCreated = spans.find((span) => span.name === 'process order.created')!;
    assert.equal(processCreated.parentSpanContext?.spanId, jaegerSpanId.padStart(16, '0'));
    assert.equal(processCreated.parentSpanContext?.isRemote, true);
    assert.deepEqual(drawTree(spans).slice(0, 3), [
      'trace-inventory: process order.created',
      '  trace-inventory: publish stock.reserved',
      '    trace-payment: process stock.reserved',
    ]);
    assert.equal(reported.length, 1);
  });
});
