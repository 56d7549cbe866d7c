import { ProxyTracerProvider } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { createOtlpExporter, type OtlpProtocol } from './otlp-exporter';
import { registerContextManager } from './register-context';
import type { SagaKey } from './saga-key';
import { createTracing, type Tracing } from './tracing';

export interface TracingOptions {
  /** `service.name` of every span: the app's name. */
  service: string;
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`). Unset and no `exporter` → nothing is recorded. */
  otlpEndpoint?: string;
  /** `OTEL_EXPORTER_OTLP_PROTOCOL`. Default `http/protobuf`. */
  protocol?: OtlpProtocol;
  /** Replaces the OTLP exporter (tests hand in an InMemorySpanExporter). */
  exporter?: SpanExporter;
  /** How spans name their saga. Default `defaultSagaKey` (`saga.id`); the worker passes its catalogue's (`sagaKeyOf`). */
  saga?: SagaKey;
}

/**
 * Tracing for one service. With an endpoint (or exporter): a tracer provider of its own (not the global one,
 * so several services can live in one test process with their own `service.name`), a BatchSpanProcessor and
 * the OTLP/HTTP exporter. Without: no provider, no processor, no exporter; the API's no-op tracer returns
 * non-recording spans that carry the incoming context on, so a saga's trace still crosses this service.
 */
export function startTracing(options: TracingOptions): Tracing {
  registerContextManager();
  const exporter = options.exporter ?? (options.otlpEndpoint ? createOtlpExporter(options.otlpEndpoint, options.protocol) : undefined);
  if (!exporter) return createTracing(options.service, new ProxyTracerProvider().getTracer(options.service), undefined, options.saga);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  return createTracing(options.service, provider.getTracer('@troupe/tracing'), provider, options.saga);
}

/** Pass-through tracing (records nothing): the default of libraries that were given none. */
export function noTracing(service = 'unknown'): Tracing {
  return startTracing({ service });
}
