import { context, type Context, isSpanContextValid, trace, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';

/** AMQP header tables and Node's incoming HTTP headers: string keys, values of any type. */
export type Carrier = Record<string, unknown>;

/**
 * Jaeger first, W3C after: extraction lets the last propagator win, so when a message carries both
 * formats the W3C `traceparent` is the parent (a Jaeger context of another trace becomes a link).
 * Injection writes both, so a downstream service still on jaeger-client joins the trace as well.
 */
export const jaegerPropagator = new JaegerPropagator();
export const w3cTraceContext = new W3CTraceContextPropagator();
export const propagator = new CompositePropagator({ propagators: [jaegerPropagator, w3cTraceContext, new W3CBaggagePropagator()] });

export const carrierGetter: TextMapGetter<Carrier> = {
  keys: (carrier) => Object.keys(carrier),
  get(carrier, key) {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (typeof value === 'string') return value;
    // amqplib hands long-string headers back as Buffers when they were sent as bytes; HTTP may repeat a header.
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
    return undefined;
  },
};

export const carrierSetter: TextMapSetter<Carrier> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

/** The context a carrier describes, on top of `base` (default: the active context). */
export function extractContext(carrier: Carrier, base: Context = context.active()): Context {
  return propagator.extract(base, carrier, carrierGetter);
}

/** Writes the context (every format) into the carrier; nothing when it holds no valid span context. */
export function injectContext(carrier: Carrier, from: Context = context.active()): Carrier {
  // The Jaeger propagator would otherwise write an all-zero uber-trace-id.
  const spanContext = trace.getSpanContext(from);
  if (spanContext && isSpanContextValid(spanContext)) propagator.inject(from, carrier, carrierSetter);
  return carrier;
}

/** A stored W3C traceparent (outbox row) back into a context; an absent or invalid one gives `base`. */
export function contextFromTraceparent(traceparent: string | undefined, base: Context = context.active()): Context {
  if (!traceparent) return base;
  return w3cTraceContext.extract(base, { traceparent }, carrierGetter);
}

/** The W3C traceparent of a context's span, or undefined when it holds no valid span context. */
export function traceparentOf(from: Context): string | undefined {
  const spanContext = trace.getSpanContext(from);
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  const carrier: Carrier = {};
  w3cTraceContext.inject(from, carrier, carrierSetter);
  return typeof carrier.traceparent === 'string' ? carrier.traceparent : undefined;
}

/** The active context's traceparent: what to store with an outbox row written now. */
export function currentTraceparent(): string | undefined {
  return traceparentOf(context.active());
}
