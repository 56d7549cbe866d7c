import type * as JsonExporterModule from '@opentelemetry/exporter-trace-otlp-http';
import type * as ProtobufExporterModule from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/** The two OTLP/HTTP encodings of `OTEL_EXPORTER_OTLP_PROTOCOL` (gRPC is not offered: Jaeger takes both of these). */
export const otlpProtocols = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof otlpProtocols)[number];

/**
 * `endpoint` is the base URL, as in `OTEL_EXPORTER_OTLP_ENDPOINT` (e.g. http://localhost:4318): traces go to
 * `<endpoint>/v1/traces`, as the OTLP spec says for the non-signal-specific variable.
 */
export function createOtlpExporter(endpoint: string, protocol: OtlpProtocol = 'http/protobuf'): SpanExporter {
  const url = `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  // Required only when tracing is on: the protobuf exporter alone adds about 8 MiB to a worker that exports nothing.
  /* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see above */
  if (protocol === 'http/json') return new (require('@opentelemetry/exporter-trace-otlp-http') as typeof JsonExporterModule).OTLPTraceExporter({ url });
  return new (require('@opentelemetry/exporter-trace-otlp-proto') as typeof ProtobufExporterModule).OTLPTraceExporter({ url });
  /* eslint-enable @typescript-eslint/no-require-imports */
}
