import type { FastifyReply } from 'fastify';
import type { ErrorBody, InvalidField } from '@troupe/worker';

/** Every answer below keeps the chassis' one error shape, so clients parse a single format. */
export function sendError(reply: FastifyReply, status: 400 | 404 | 409 | 422, message: string, extra: Record<string, unknown> = {}) {
  const error = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity' }[status];
  return reply.status(status).send({ error, message, ...extra } satisfies ErrorBody & Record<string, unknown>);
}

export function sendInvalid(reply: FastifyReply, part: string, fields: InvalidField[]) {
  const message = `invalid ${part}: ${fields.map(({ field, message: why }) => `${field} ${why}`).join('; ')}`;
  return sendError(reply, 400, message, { fields });
}
