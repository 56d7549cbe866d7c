import type { Store } from '@troupe/persistence';
import type { HttpServer } from '@troupe/worker';
import { notificationsCollection, type StoredNotification } from '../notifications/notifications';

const maxListed = 100;

const query = {
  type: 'object',
  additionalProperties: false,
  properties: {
    orderId: { type: 'string', minLength: 1, maxLength: 100 },
    limit: { type: 'integer', minimum: 1, maximum: maxListed, default: maxListed },
  },
} as const;

/** `email` only for the e-mail channel; the lease/backoff time (`dueAt`) is the relay's business. */
function publicView({ notificationId, orderId, outcome, channel, subject, text, sentAt, email }: StoredNotification) {
  const delivery = email && { status: email.status, attempts: email.attempts, sentAt: email.sentAt, lastError: email.lastError };
  return { notificationId, orderId, outcome, channel, subject, text, sentAt, ...(delivery ? { email: delivery } : {}) };
}

/** `GET /notifications?orderId=`: that order's message (at most one), or without it the latest ones, newest first. */
export function notificationRoutes(http: HttpServer, store: Store): void {
  http.get<{ Querystring: { orderId?: string; limit: number } }>('/notifications', { schema: { querystring: query } }, async (request) => {
    const { orderId, limit } = request.query;
    const notifications = store.collection<StoredNotification>(notificationsCollection);
    const found = orderId
      ? [await notifications.get(orderId)].filter((notification) => notification !== undefined)
      : await notifications.find({}, { sort: { sentAt: -1 }, limit });
    return { notifications: found.map(publicView) };
  });
}
