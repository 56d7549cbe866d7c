import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import type { ErrorBody } from './error-response';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * An operator action (a recount, a repair, a forced run): the request must carry
     * `Authorization: Bearer <ADMIN_TOKEN>`. 401 without it, 403 with a wrong one, 503 while no token is configured.
     */
    adminOnly?: boolean;
  }
}

/** The realm named in `WWW-Authenticate` on a 401. */
export const adminRealm = 'troupe-admin';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares in constant time: both sides are hashed first, so the buffers handed to timingSafeEqual always have the
 * same length and neither the token's content nor its length leaks through the response time.
 */
export function tokensEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/** The onRequest check of an admin route: runs before the body is read or validated. */
export function adminGuard(adminToken: string | undefined): onRequestHookHandler {
  return async function checkAdmin(request: FastifyRequest, reply: FastifyReply) {
    if (adminToken === undefined) {
      const body: ErrorBody = { error: 'Service Unavailable', message: 'admin endpoints are disabled: ADMIN_TOKEN is not configured on this worker' };
      return reply.status(503).send(body);
    }
    const presented = bearerToken(request.headers.authorization);
    if (presented === undefined) {
      const body: ErrorBody = { error: 'Unauthorized', message: 'admin endpoint: send Authorization: Bearer <ADMIN_TOKEN>' };
      return reply.status(401).header('www-authenticate', `Bearer realm="${adminRealm}"`).send(body);
    }
    if (!tokensEqual(presented, adminToken)) {
      request.log.warn({ method: request.method, url: request.url.split('?')[0] }, 'admin request refused: wrong bearer token');
      const body: ErrorBody = { error: 'Forbidden', message: 'admin endpoint: the bearer token is not the configured ADMIN_TOKEN' };
      return reply.status(403).send(body);
    }
  };
}

/**
 * Puts the admin check in front of every route registered with `config: { adminOnly: true }`. An onRoute hook, so
 * it must be added before the first route; apps only mark their routes.
 */
export function protectAdminRoutes(http: FastifyInstance, adminToken: string | undefined, logger: Logger): void {
  const guard = adminGuard(adminToken);
  http.addHook('onRoute', (route: RouteOptions) => {
    if (route.config?.adminOnly !== true) return;
    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [guard, ...existing];
    if (adminToken === undefined) {
      logger.warn({ method: route.method, url: route.url }, `admin route ${String(route.method)} ${route.url} answers 503: ADMIN_TOKEN is not set`);
    }
  });
}
