import { STATUS_CODES } from 'node:http';
import Fastify, { FastifyError, FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Tracing } from '@troupe/tracing';
import { protectAdminRoutes } from './admin-auth';
import { describeInvalid, ErrorBody, formatBytes, invalidFields } from './error-response';
import { evaluateHealth, HealthChecks } from './health';
import { httpMetricsOn, unmatchedRoute } from '../metrics/http-metrics';

/** The HTTP server apps add their routes to. */
export type HttpServer = FastifyInstance;

export interface HttpServerOptions {
  logger: Logger;
  /** Served as Prometheus text on GET /metrics; every request is counted and timed on it (troupe_http_*). */
  registry: Registry;
  /** Evaluated on every GET /health; all must be true for a 200. */
  checks: HealthChecks;
  /** Largest accepted request body in bytes; larger → 413. Default 65536 (64 KB). */
  bodyLimit?: number;
  /** A health probe slower than this counts as down. Default 2000 ms. */
  healthCheckTimeoutMs?: number;
  /** SERVER spans for every request but /health and /metrics; handlers run with theirs active. Default: none. */
  tracing?: Tracing;
  /**
   * The bearer token routes registered with `config: { adminOnly: true }` require (401 without, 403 with another).
   * Unset: those routes answer 503 rather than being open.
   */
  adminToken?: string;
}

/**
 * Fastify with the chassis' contract: /health, /metrics, a body limit, and 4xx answers that say what was wrong.
 * Additional properties are rejected rather than silently stripped, so a typo in a field name is a 400. A body
 * over the limit is a 413 naming the limit, a body that is not JSON (form-encoded, text) a 415 saying to send JSON.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const bodyLimit = options.bodyLimit ?? 65_536;
  const http = Fastify({
    loggerInstance: options.logger,
    // Health probes and scrapes would drown the log; failures are logged by the error handler instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { allErrors: true, removeAdditional: false } },
  }) as unknown as FastifyInstance;
  // Every API here speaks JSON; Fastify's default text/plain parser would hand a handler a string it then calls an
  // invalid body (400), where the truth is the wrong media type (415, saying what to send).
  http.removeContentTypeParser('text/plain');
  // Hooks onRoute, so it must come before the first route.
  options.tracing?.traceHttpServer(http);
  protectAdminRoutes(http, options.adminToken, options.logger);

  http.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const fields = invalidFields(error.validation);
      const body: ErrorBody = { error: 'Bad Request', message: describeInvalid(error.validationContext ?? 'request', fields), fields };
      return reply.status(400).send(body);
    }
    // Fastify's own wording ("Request body is too large", "Unsupported Media Type: …") says what, not what to do.
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? bodyLimit;
      const body: ErrorBody = { error: 'Payload Too Large', message: `body exceeds the ${formatBytes(limit)} limit`, code: error.code, limitBytes: limit };
      return reply.status(413).send(body);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const sent = request.headers['content-type'];
      const message = `${sent ? `Content-Type ${sent.split(';')[0]!.trim()} is not accepted` : 'a body without a Content-Type is not accepted'}: send JSON with Content-Type: application/json`;
      return reply.status(415).send({ error: 'Unsupported Media Type', message, code: error.code } satisfies ErrorBody);
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error, method: request.method, url: request.url }, 'request failed');
      return reply.status(status).send({ error: 'Internal Server Error', message: 'internal error' } satisfies ErrorBody);
    }
    const body: ErrorBody = { error: STATUS_CODES[status] ?? 'Error', message: error.message };
    if (error.code) body.code = error.code;
    return reply.status(status).send(body);
  });
  http.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'Not Found', message: `no route for ${request.method} ${request.url.split('?')[0]}` } satisfies ErrorBody),
  );

  // Counted after the answer is sent, with Fastify's own timer: what a client waited, whatever the route did.
  const httpMetrics = httpMetricsOn(options.registry);
  http.addHook('onResponse', async (request, reply) => {
    httpMetrics.observe(request.routeOptions.url ?? unmatchedRoute, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  // Keep-alive sockets busy when close() starts would otherwise stay open (and hold shutdown) until they time out:
  // once closing, every response asks the client to close its connection.
  let closing = false;
  http.addHook('preClose', async () => {
    closing = true;
  });
  http.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  const healthTimeout = options.healthCheckTimeoutMs ?? 2_000;
  http.get('/health', async (_request, reply) => {
    const report = await evaluateHealth(options.checks, healthTimeout);
    return reply.status(report.status === 'ok' ? 200 : 503).send(report);
  });

  http.get('/metrics', async (_request, reply) => {
    const text = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(text);
  });

  return http;
}
