import { context, type Context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { type Carrier, extractContext } from './propagation';
import { defaultSagaKey, type SagaKey } from './saga-key';

export interface HttpTracingOptions {
  /** Paths never traced (probes and scrapes would bury the sagas). Default /health and /metrics. */
  ignore?: readonly string[];
  /** Which route parameters name the saga, put on the span. Default `defaultSagaKey`. */
  saga?: SagaKey;
}

const defaultIgnored = ['/health', '/metrics'];

/** The route parameter that names the saga: `:<routeParam>` anywhere, `:id` under the saga collection's path. */
function sagaIdOf(request: FastifyRequest, route: string | undefined, saga: SagaKey): string | undefined {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const id = params[saga.routeParam] ?? (route?.startsWith(saga.resourcePath) ? params.id : undefined);
  return typeof id === 'string' ? id : undefined;
}

/**
 * A SERVER span per request, child of the caller's traceparent / uber-trace-id when it sent one, else the
 * root of a new trace (so `POST /orders` roots the saga). Each route handler runs with that span active,
 * which is how `messaging.transaction` finds the traceparent to store with its outbox rows. Handlers are
 * wrapped (rather than the context entered in a hook) because a body arrives on the socket's own async context.
 * Register before any route: it hooks `onRoute`.
 */
export function traceHttpServer(http: FastifyInstance, tracer: Tracer, options: HttpTracingOptions = {}): void {
  const ignored = new Set(options.ignore ?? defaultIgnored);
  const saga = options.saga ?? defaultSagaKey;
  const active = new WeakMap<FastifyRequest, { span: Span; context: Context }>();

  const finish = (request: FastifyRequest, statusCode: number | undefined): void => {
    const entry = active.get(request);
    if (!entry) return;
    active.delete(request);
    const route = request.routeOptions.url;
    const sagaId = sagaIdOf(request, route, saga);
    if (sagaId) entry.span.setAttribute(saga.attribute, sagaId);
    if (statusCode === undefined) entry.span.setStatus({ code: SpanStatusCode.ERROR, message: 'request aborted' });
    else {
      entry.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
      if (statusCode >= 500) entry.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    entry.span.end();
  };

  http.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    if (ignored.has(path)) return;
    const route = request.routeOptions.url;
    const parent = extractContext(request.headers as Carrier);
    const span = tracer.startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: request.method,
          [ATTR_URL_PATH]: path,
          [ATTR_URL_SCHEME]: request.protocol,
          ...(route ? { [ATTR_HTTP_ROUTE]: route } : {}),
          ...(request.headers['user-agent'] ? { [ATTR_USER_AGENT_ORIGINAL]: request.headers['user-agent'] } : {}),
        },
      },
      parent,
    );
    active.set(request, { span, context: trace.setSpan(parent, span) });
  });
  http.addHook('onResponse', async (request, reply) => finish(request, reply.statusCode));
  http.addHook('onRequestAbort', async (request) => finish(request, undefined));
  http.addHook('onError', async (request, _reply, error) => {
    active.get(request)?.span.recordException(error);
  });

  http.addHook('onRoute', (routeOptions) => {
    const handler = routeOptions.handler;
    routeOptions.handler = function tracedHandler(this: FastifyInstance, request, reply) {
      const entry = active.get(request);
      return entry ? context.with(entry.context, () => handler.call(this, request, reply)) : handler.call(this, request, reply);
    } as RouteHandlerMethod;
  });
}

/**
 * Tracing off: no span, no hook. A request that carries a trace context (W3C or Jaeger) runs its handler inside it,
 * so what the handler writes to the outbox continues the caller's trace; any other request runs as it is.
 */
export function passThroughHttpServer(http: FastifyInstance): void {
  http.addHook('onRoute', (routeOptions) => {
    const handler = routeOptions.handler;
    routeOptions.handler = function passThroughHandler(this: FastifyInstance, request, reply) {
      const headers = request.headers;
      if (headers.traceparent === undefined && headers['uber-trace-id'] === undefined) return handler.call(this, request, reply);
      return context.with(extractContext(headers as Carrier, ROOT_CONTEXT), () => handler.call(this, request, reply));
    } as RouteHandlerMethod;
  });
}
