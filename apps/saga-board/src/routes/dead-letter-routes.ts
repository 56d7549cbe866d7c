import type { HttpServer } from '@troupe/worker';
import type { FastifyReply } from 'fastify';
import type { Board } from '../board/board';

interface ServiceParams {
  Params: { service: string };
}

const selection = {
  type: 'object',
  additionalProperties: false,
  required: ['messageIds'],
  properties: { messageIds: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 256 } } },
} as const;

/**
 * The DLQs through the DLQ tool's own actions. Reading is open; replay and purge are operator actions behind
 * ADMIN_TOKEN (`adminOnly`: 401 without the bearer token, 403 with another, 503 while the board has none).
 */
export function registerDeadLetterRoutes(http: HttpServer, board: Board): void {
  const { deadLetters } = board;
  const known = (service: string, reply: FastifyReply): boolean => {
    if (deadLetters.services.includes(service)) return true;
    void reply.status(404).send({ error: 'Not Found', message: `no service ${service}: one of ${deadLetters.services.join(', ')}` });
    return false;
  };
  const brokerDown = (reply: FastifyReply, error: unknown) =>
    reply.status(503).send({ error: 'Service Unavailable', message: `the broker could not be read: ${(error as Error).message}` });

  http.get('/api/dead-letters', async (_request, reply) => {
    try {
      const services = [];
      // One DLQ after the other, each snapshot returned before the next is taken (as `troupe dlq list` does).
      for (const service of deadLetters.services) {
        const list = await deadLetters.list(service);
        const reasons = new Map<string, number>();
        for (const letter of list.letters) reasons.set(letter.reason || '(none recorded)', (reasons.get(letter.reason || '(none recorded)') ?? 0) + 1);
        services.push({
          service,
          queue: list.queue,
          missing: list.missing,
          count: list.count,
          reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
        });
      }
      return { services };
    } catch (error) {
      return brokerDown(reply, error);
    }
  });

  http.get<ServiceParams>('/api/dead-letters/:service', async (request, reply) => {
    if (!known(request.params.service, reply)) return reply;
    try {
      return await deadLetters.list(request.params.service);
    } catch (error) {
      return brokerDown(reply, error);
    }
  });

  http.get<{ Params: { service: string; messageId: string } }>('/api/dead-letters/:service/letters/:messageId', async (request, reply) => {
    const { service, messageId } = request.params;
    if (!known(service, reply)) return reply;
    try {
      const letters = await deadLetters.show(service, messageId);
      if (letters.length === 0) return reply.status(404).send({ error: 'Not Found', message: `no dead letter ${messageId} in ${service}'s DLQ (replayed or purged already?)` });
      return { service, letters };
    } catch (error) {
      return brokerDown(reply, error);
    }
  });

  for (const action of ['replay', 'purge'] as const) {
    http.post<ServiceParams & { Body: { messageIds: string[] } }>(
      `/api/dead-letters/:service/${action}`,
      { config: { adminOnly: true }, schema: { body: selection } },
      async (request, reply) => {
        const { service } = request.params;
        if (!known(service, reply)) return reply;
        try {
          const outcome = action === 'replay' ? await deadLetters.replay(service, request.body.messageIds) : await deadLetters.purge(service, request.body.messageIds);
          request.log.info({ service, action, requested: request.body.messageIds.length, outcome }, `saga board: dead letters ${action}ed`);
          return { service, action, ...outcome };
        } catch (error) {
          return brokerDown(reply, error);
        }
      },
    );
  }
}
