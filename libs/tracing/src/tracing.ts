import { SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { passThroughHttpServer, traceHttpServer, type HttpTracingOptions } from './http-server-spans';
import { passThroughProcess, passThroughPublish, type ProcessSpanOptions, type PublishSpanOptions, type TracedEvent, withProcessSpan, withPublishSpan } from './message-spans';
import { type Carrier, currentTraceparent } from './propagation';
import { defaultSagaKey, type SagaKey } from './saga-key';

/** One service's tracing: its tracer plus the helpers the chassis and the messaging pipeline call. */
export interface Tracing {
  readonly service: string;
  /** True when spans are recorded and exported; false means pass-through only (see README, "Cost when off"). */
  readonly enabled: boolean;
  /** For app code that wants spans of its own: `tracing.tracer.startActiveSpan(...)`. */
  readonly tracer: Tracer;
  withPublishSpan<R>(event: TracedEvent, headers: Carrier, fn: () => Promise<R>, options: PublishSpanOptions): Promise<R>;
  withProcessSpan<R>(event: TracedEvent, headers: Carrier, fn: (traceparent: string | undefined) => Promise<R>, options: ProcessSpanOptions): Promise<R>;
  /** The active context's W3C traceparent (store it with an outbox row). */
  currentTraceparent(): string | undefined;
  /** How spans name their saga (attribute and route parameters). */
  readonly saga: SagaKey;
  /** Puts the saga id on the active span (e.g. the `POST /orders` span once the order id exists). */
  tagSaga(sagaId: string): void;
  /** Marks the active span failed with a Troupe outcome (`retried`, `dead-lettered: <reason>`) without throwing. */
  recordFailure(outcome: string, error?: unknown): void;
  /** SERVER spans for every request of this fastify instance; call before routes are added. */
  traceHttpServer(http: FastifyInstance, options?: HttpTracingOptions): void;
  /** Exports what has ended so far. */
  forceFlush(): Promise<void>;
  /**
   * Exports what is left and stops; spans started after it are dropped. Bounded by `timeoutMs` (default 5000):
   * an unreachable collector must not hold a shutdown; resolves false when the flush did not finish in time.
   */
  shutdown(timeoutMs?: number): Promise<boolean>;
}

export interface SpanSink {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function createTracing(service: string, tracer: Tracer, sink: SpanSink | undefined, saga: SagaKey = defaultSagaKey): Tracing {
  const sagaAttribute = saga.attribute;
  const recording = sink !== undefined;
  return {
    service,
    saga,
    enabled: recording,
    tracer,
    // Off, every message would still pay for a non-recording span, its attributes, links and an async scope (about a
    // tenth of a worker's CPU under load, see docs/benchmarks.md) only to hand the incoming context on: done directly.
    withPublishSpan: recording
      ? (event, headers, fn, options) => withPublishSpan(tracer, event, headers, fn, { sagaAttribute, ...options })
      : (_event, headers, fn, options) => passThroughPublish(headers, fn, options.parent),
    withProcessSpan: recording
      ? (event, headers, fn, options) => withProcessSpan(tracer, event, headers, fn, { sagaAttribute, ...options })
      : (_event, headers, fn) => passThroughProcess(headers, fn),
    currentTraceparent,
    tagSaga(sagaId) {
      trace.getActiveSpan()?.setAttribute(sagaAttribute, sagaId);
    },
    recordFailure(outcome, error) {
      const span = trace.getActiveSpan();
      if (!span) return;
      span.setAttribute('troupe.outcome', outcome);
      if (error !== undefined) span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
    },
    traceHttpServer: recording ? (http, options) => traceHttpServer(http, tracer, { saga, ...options }) : (http) => passThroughHttpServer(http),
    forceFlush: async () => sink?.forceFlush(),
    async shutdown(timeoutMs = 5000) {
      if (!sink) return true;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        return await Promise.race([sink.shutdown().then(() => true), timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
