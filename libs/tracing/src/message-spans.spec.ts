import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { sagaKeyOf } from './saga-key';
import { startTracing } from './start-tracing';
import type { Tracing } from './tracing';

const event = { id: 'evt-1', type: 'stock.reserved', correlationid: 'order-42' };
const remote = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
const remoteTraceparent = `00-${remote.traceId}-${remote.spanId}-01`;

describe('message spans', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  before(() => (tracing = startTracing({ service: 'payment-service', exporter, saga: sagaKeyOf({ name: 'order', subjectField: 'orderId' }) })));
  after(() => tracing.shutdown());
  beforeEach(() => exporter.reset());

  const finished = async (): Promise<ReadableSpan[]> => {
    await tracing.forceFlush();
    return exporter.getFinishedSpans();
  };

  it('publish injects W3C and Jaeger headers; process is its CONSUMER child and hands on its own traceparent', async () => {
    const headers: Record<string, unknown> = {};
    await tracing.withPublishSpan(event, headers, async () => undefined, { destination: 'troupe.events', parent: remoteTraceparent });
    assert.match(String(headers.traceparent), new RegExp(`^00-${remote.traceId}-[0-9a-f]{16}-01$`));
    assert.match(String(headers['uber-trace-id']), new RegExp(`^${remote.traceId}:[0-9a-f]{16}:0:01$`));

    let handedOn: string | undefined;
    await tracing.withProcessSpan(event, headers, async (traceparent) => void (handedOn = traceparent), { destination: 'payment-service.stock.reserved', consumer: 'payment-service' });

    const [publish, processSpan] = await finished();
    assert.equal(publish!.name, 'publish stock.reserved');
    assert.equal(publish!.kind, SpanKind.PRODUCER);
    assert.equal(publish!.spanContext().traceId, remote.traceId);
    assert.equal(publish!.parentSpanContext?.spanId, remote.spanId);
    assert.equal(processSpan!.name, 'process stock.reserved');
    assert.equal(processSpan!.kind, SpanKind.CONSUMER);
    assert.equal(processSpan!.spanContext().traceId, remote.traceId);
    assert.equal(processSpan!.parentSpanContext?.spanId, publish!.spanContext().spanId);
    assert.equal(handedOn, `00-${remote.traceId}-${processSpan!.spanContext().spanId}-01`);
    assert.deepEqual(processSpan!.attributes, {
      'messaging.system': 'rabbitmq',
      'messaging.destination.name': 'payment-service.stock.reserved',
      'messaging.operation': 'process',
      'messaging.operation.type': 'process',
      'messaging.message.id': 'evt-1',
      'messaging.rabbitmq.destination.routing_key': 'stock.reserved',
      'messaging.consumer.group.name': 'payment-service',
      'messaging.message.conversation_id': 'order-42',
      'order.id': 'order-42',
    });
    assert.equal(publish!.attributes['messaging.operation'], 'publish');
    assert.equal(publish!.attributes['order.id'], 'order-42');
    assert.equal(publish!.resource.attributes['service.name'], 'payment-service');
  });

  it('publish with parent null starts a new trace; with no parent option it continues the active context', async () => {
    const detached: Record<string, unknown> = {};
    await tracing.withProcessSpan(event, { traceparent: remoteTraceparent }, () =>
      tracing.withPublishSpan(event, detached, async () => undefined, { destination: 'x', parent: null }),
    { destination: 'q' });
    const nested: Record<string, unknown> = {};
    await tracing.withProcessSpan(event, { traceparent: remoteTraceparent }, () =>
      tracing.withPublishSpan(event, nested, async () => undefined, { destination: 'x' }),
    { destination: 'q' });
    const spans = await finished();
    const [rootPublish, , childPublish, outerProcess] = spans;
    assert.equal(rootPublish!.parentSpanContext, undefined);
    assert.notEqual(rootPublish!.spanContext().traceId, remote.traceId);
    assert.equal(childPublish!.parentSpanContext?.spanId, outerProcess!.spanContext().spanId);
  });

  it('a message with only uber-trace-id (jaeger-client) joins that trace, 64-bit ids padded', async () => {
    await tracing.withProcessSpan(event, { 'uber-trace-id': '6e0c63257de34c92:bf7a7c6e4a1d5f33:0:1' }, async () => undefined, { destination: 'q' });
    const [span] = await finished();
    assert.equal(span!.spanContext().traceId, '00000000000000006e0c63257de34c92');
    assert.equal(span!.parentSpanContext?.spanId, 'bf7a7c6e4a1d5f33');
  });

  it('a message with two causes (W3C and a Jaeger context of another trace) keeps W3C as parent and links the other', async () => {
    const extra = '00-11111111111111111111111111111111-2222222222222222-01';
    await tracing.withProcessSpan(event, { traceparent: remoteTraceparent, 'uber-trace-id': 'aaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbb:0:1' }, async () => undefined, { destination: 'q', links: [extra] });
    const [span] = await finished();
    assert.equal(span!.parentSpanContext?.spanId, remote.spanId);
    assert.deepEqual(
      span!.links.map((link) => `${link.context.traceId}/${link.context.spanId}`),
      ['0000000000000000aaaaaaaaaaaaaaaa/bbbbbbbbbbbbbbbb', '11111111111111111111111111111111/2222222222222222'],
    );
  });

  it('a failure thrown inside the span marks it ERROR and is rethrown; recordFailure marks without throwing', async () => {
    await assert.rejects(tracing.withProcessSpan(event, {}, async () => { throw new Error('boom'); }, { destination: 'q' }), /boom/);
    await tracing.withProcessSpan(event, {}, async () => tracing.recordFailure('dead-lettered: schema-invalid'), { destination: 'q' });
    const [thrown, recorded] = await finished();
    assert.equal(thrown!.status.code, SpanStatusCode.ERROR);
    assert.equal(thrown!.events[0]!.name, 'exception');
    assert.equal(recorded!.status.code, SpanStatusCode.ERROR);
    assert.equal(recorded!.attributes['troupe.outcome'], 'dead-lettered: schema-invalid');
  });
});

describe('message spans with tracing off (no endpoint)', () => {
  const off = startTracing({ service: 'quiet-service' });

  it('records nothing but carries the incoming context through to what it publishes', async () => {
    assert.equal(off.enabled, false);
    const outgoing: Record<string, unknown> = {};
    const handedOn = await off.withProcessSpan(event, { traceparent: remoteTraceparent }, async (traceparent) => {
      await off.withPublishSpan(event, outgoing, async () => undefined, { destination: 'x', parent: traceparent });
      return traceparent;
    }, { destination: 'q' });
    assert.equal(handedOn, remoteTraceparent);
    assert.equal(outgoing.traceparent, remoteTraceparent);
    assert.equal(outgoing['uber-trace-id'], `${remote.traceId}:${remote.spanId}:0:01`);
  });

  it('passes a Jaeger-only context on as W3C too, and writes nothing when there was no context', async () => {
    const handedOn = await off.withProcessSpan(event, { 'uber-trace-id': '6e0c63257de34c92:bf7a7c6e4a1d5f33:0:1' }, async (traceparent) => traceparent, { destination: 'q' });
    assert.equal(handedOn, '00-00000000000000006e0c63257de34c92-bf7a7c6e4a1d5f33-01');
    const outgoing: Record<string, unknown> = {};
    await off.withPublishSpan(event, outgoing, async () => undefined, { destination: 'x', parent: null });
    assert.deepEqual(outgoing, {});
  });
});
