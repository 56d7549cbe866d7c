import { context, type Context, type Link, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { attributes, rabbitmq } from './attributes';
import { defaultSagaKey } from './saga-key';
import { type Carrier, carrierGetter, contextFromTraceparent, extractContext, injectContext, jaegerPropagator, traceparentOf } from './propagation';

/** What a span needs to know of an event; a CloudEvents envelope fits, so does a message we could not parse. */
export interface TracedEvent {
  id: string;
  type: string;
  /** The saga id: becomes the saga attribute (e.g. `order.id`). */
  correlationid?: string;
}

export interface MessageSpanOptions {
  /** The exchange published to, or the queue consumed from. */
  destination: string;
  /** Default: the event type (which is the routing key everywhere in Troupe). */
  routingKey?: string;
  /** Further causes of this message, as traceparents: recorded as span links, not parents. */
  links?: readonly string[];
  /** The span attribute the saga id goes in; `Tracing` fills it from its saga key. Default `saga.id`. */
  sagaAttribute?: string;
}

export interface PublishSpanOptions extends MessageSpanOptions {
  /** The trace to continue: a traceparent (the one stored with an outbox row), `null` for a new trace, default the active context. */
  parent?: string | null;
}

export interface ProcessSpanOptions extends MessageSpanOptions {
  /** The consuming service (`messaging.consumer.group.name`). */
  consumer?: string;
}

function messageAttributes(event: TracedEvent, options: MessageSpanOptions, operation: 'publish' | 'process') {
  const attrs: Record<string, string> = {
    [attributes.messagingSystem]: rabbitmq,
    [attributes.destinationName]: options.destination,
    [attributes.operation]: operation,
    [attributes.operationType]: operation === 'publish' ? 'send' : 'process',
    [attributes.messageId]: event.id,
    [attributes.routingKey]: options.routingKey ?? event.type,
  };
  if (event.correlationid) {
    attrs[options.sagaAttribute ?? defaultSagaKey.attribute] = event.correlationid;
    attrs[attributes.conversationId] = event.correlationid;
  }
  return attrs;
}

function linksOf(traceparents: readonly string[] | undefined): Link[] {
  const links: Link[] = [];
  for (const traceparent of traceparents ?? []) {
    const spanContext = trace.getSpanContext(contextFromTraceparent(traceparent, ROOT_CONTEXT));
    if (spanContext) links.push({ context: spanContext });
  }
  return links;
}

/** A message carrying a Jaeger context of another trace than its W3C parent had two causes: keep the second as a link. */
function jaegerLink(headers: Carrier, parent: Context): Link[] {
  const jaeger = trace.getSpanContext(jaegerPropagator.extract(ROOT_CONTEXT, headers, carrierGetter));
  const chosen = trace.getSpanContext(parent);
  return jaeger && chosen && jaeger.traceId !== chosen.traceId ? [{ context: jaeger }] : [];
}

async function runInSpan<R>(spanContext: Context, fn: () => Promise<R>): Promise<R> {
  const span = trace.getSpan(spanContext)!;
  try {
    return await context.with(spanContext, fn);
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * A PRODUCER span around one publish, child of `options.parent`; its context is injected into `headers`
 * (W3C traceparent and Jaeger uber-trace-id) before `fn` sends them, so the consumer's span is its child.
 */
export function withPublishSpan<R>(tracer: Tracer, event: TracedEvent, headers: Carrier, fn: () => Promise<R>, options: PublishSpanOptions): Promise<R> {
  const base = options.parent === undefined ? context.active() : contextFromTraceparent(options.parent ?? undefined, ROOT_CONTEXT);
  const routingKey = options.routingKey ?? event.type;
  const span = tracer.startSpan(`publish ${routingKey}`, { kind: SpanKind.PRODUCER, attributes: messageAttributes(event, options, 'publish'), links: linksOf(options.links) }, base);
  const spanContext = trace.setSpan(base, span);
  injectContext(headers, spanContext);
  return runInSpan(spanContext, fn);
}

/**
 * A CONSUMER span around the processing of one delivery, child of the context its headers carry (W3C or
 * Jaeger). `fn` gets the span's traceparent: what events emitted while processing must carry. It is handed
 * over explicitly because the work may run in a shared transaction whose async context belongs to another delivery.
 */
export function withProcessSpan<R>(tracer: Tracer, event: TracedEvent, headers: Carrier, fn: (traceparent: string | undefined) => Promise<R>, options: ProcessSpanOptions): Promise<R> {
  const parent = extractContext(headers, ROOT_CONTEXT);
  const routingKey = options.routingKey ?? event.type;
  const attrs = messageAttributes(event, options, 'process');
  if (options.consumer) attrs[attributes.consumerGroup] = options.consumer;
  const links = [...jaegerLink(headers, parent), ...linksOf(options.links)];
  const span = tracer.startSpan(`process ${routingKey}`, { kind: SpanKind.CONSUMER, attributes: attrs, links }, parent);
  const spanContext = trace.setSpan(parent, span);
  return runInSpan(spanContext, () => fn(traceparentOf(spanContext)));
}

/**
 * Tracing off: what `withPublishSpan` does without a span. The headers get the parent's context (so a service
 * downstream that records joins the caller's trace), and `fn` runs as it is: no span, no attributes, no scope.
 */
export function passThroughPublish<R>(headers: Carrier, fn: () => Promise<R>, parent: string | null | undefined): Promise<R> {
  if (parent !== null) injectContext(headers, parent === undefined ? context.active() : contextFromTraceparent(parent, ROOT_CONTEXT));
  return fn();
}

/** Tracing off: what `withProcessSpan` does without a span — `fn` gets the incoming context's traceparent (W3C or Jaeger). */
export function passThroughProcess<R>(headers: Carrier, fn: (traceparent: string | undefined) => Promise<R>): Promise<R> {
  return fn(traceparentOf(extractContext(headers, ROOT_CONTEXT)));
}
