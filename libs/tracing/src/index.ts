export { startTracing, noTracing } from './start-tracing';
export type { TracingOptions } from './start-tracing';
export type { Tracing } from './tracing';
export { defaultSagaKey, sagaKeyOf } from './saga-key';
export type { SagaKey } from './saga-key';
export type { TracedEvent, MessageSpanOptions, PublishSpanOptions, ProcessSpanOptions } from './message-spans';
export type { HttpTracingOptions } from './http-server-spans';
export { otlpProtocols, createOtlpExporter } from './otlp-exporter';
export type { OtlpProtocol } from './otlp-exporter';
export { currentTraceparent, contextFromTraceparent, extractContext, injectContext, traceparentOf } from './propagation';
export type { Carrier } from './propagation';
export { attributes as spanAttributes } from './attributes';
// For tests and custom sinks: an exporter that keeps spans in memory, and the span shape it returns.
export { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
export type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
