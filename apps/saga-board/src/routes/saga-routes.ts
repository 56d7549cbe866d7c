import type { HttpServer } from '@troupe/worker';
import type { Board } from '../board/board';
import { sagaProgress, summariseSaga } from '../sagas/saga-progress';
import { compareNewestFirst, countOutcomes, isPastHalfDeadline, matchesFilter, type SagaFilter } from '../sagas/saga-query';
import { sagaStatuses, type SagaDetail, type SagaList, type SagaSummary } from '../sagas/saga-types';
import { SourceUnavailableError } from '../sources/order-view-source';

const text = { type: 'string', minLength: 1, maxLength: 128 } as const;
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...sagaStatuses] },
    reason: text,
    customerId: text,
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    q: { type: 'string', maxLength: 128 },
  },
} as const;

const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Jaeger's search for the spans that carry this order id (the saga attribute every span has). */
export function traceSearchUrl(jaegerUrl: string, orderId: string): string {
  const base = jaegerUrl.endsWith('/') ? jaegerUrl : `${jaegerUrl}/`;
  return `${base}search?service=order-service&tags=${encodeURIComponent(JSON.stringify({ 'order.id': orderId }))}`;
}

export function registerSagaRoutes(http: HttpServer, board: Board): void {
  http.get<{ Querystring: SagaFilter }>('/api/sagas', { schema: { querystring: listQuery } }, async (request, reply) => {
    const filter = request.query;
    const now = board.now();
    const { deadlineMs, listLimit, scanLimit } = board.settings;
    let scanned;
    try {
      scanned = await board.source.changedSince(filter.from ?? new Date(0).toISOString(), scanLimit);
    } catch (error) {
      if (error instanceof SourceUnavailableError) return reply.status(503).send({ error: 'Service Unavailable', message: error.message });
      throw error;
    }
    // The change feed can list a row twice when it changed while being paged: keep its latest state.
    const latest = new Map<string, SagaSummary>();
    for (const row of scanned.rows) latest.set(row.orderId, summariseSaga(board.manifests, row, now, deadlineMs));
    let matched = [...latest.values()].filter((saga) => matchesFilter(saga, filter));
    // An exact order id outside the time range (or the scan) is still found: searching for one should never miss.
    if (matched.length === 0 && filter.q && uuidLike.test(filter.q)) {
      const view = await board.source.get(filter.q).catch(() => undefined);
      if (view) matched = [summariseSaga(board.manifests, view, now, deadlineMs)];
    }
    matched.sort(compareNewestFirst);
    const body: SagaList = {
      sagas: matched.slice(0, listLimit),
      matched: matched.length,
      truncated: scanned.truncated,
      counts: countOutcomes(matched, now, deadlineMs),
      deadlineMs,
      now: new Date(now).toISOString(),
    };
    return body;
  });

  http.get<{ Params: { orderId: string } }>(
    '/api/sagas/:orderId',
    { schema: { params: { type: 'object', required: ['orderId'], properties: { orderId: text } } } },
    async (request, reply) => {
      const { orderId } = request.params;
      let view;
      try {
        view = await board.source.get(orderId);
      } catch (error) {
        if (error instanceof SourceUnavailableError) return reply.status(503).send({ error: 'Service Unavailable', message: error.message });
        throw error;
      }
      if (!view) return reply.status(404).send({ error: 'Not Found', message: `order ${orderId} is not in order-view (yet)` });
      const now = board.now();
      const { deadlineMs, jaegerUrl } = board.settings;
      const saga = summariseSaga(board.manifests, view, now, deadlineMs);
      const body: SagaDetail = {
        saga,
        items: view.items,
        ...sagaProgress(board.manifests, view, now, deadlineMs),
        deadlineMs,
        pastHalfDeadline: isPastHalfDeadline(saga, now, deadlineMs),
        ...(jaegerUrl ? { traceUrl: traceSearchUrl(jaegerUrl, orderId) } : {}),
        now: new Date(now).toISOString(),
      };
      return body;
    },
  );
}
