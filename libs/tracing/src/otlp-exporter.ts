import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
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
  return protocol === 'http/json' ? new JsonExporter({ url }) : new ProtobufExporter({ url });
}
