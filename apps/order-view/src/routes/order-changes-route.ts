import type { HttpServer } from '@troupe/worker';
import { orderViewsCollection, type OrderViewRow } from '../store/order-view-row';
import type { OrderViewRoutesOptions } from './order-view-routes-options';
import { pageLimit } from './page-limit';
import { viewBody } from './view-body';

interface ChangesRequest {
  Querystring: { updatedSince?: string; limit: number; after?: string };
}

const beginning = '1970-01-01T00:00:00.000Z';

/**
 * GET /orders/changes: rows changed at or after `updatedSince`, ordered by (updatedAt, orderId), for the reconciler.
 * `next` is the cursor of the following page: rows after (next.updatedSince, next.after).
 */
export function registerOrderChanges(http: HttpServer, { store }: OrderViewRoutesOptions): void {
  http.get<ChangesRequest>(
    '/orders/changes',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            updatedSince: { type: 'string', format: 'date-time' },
            limit: pageLimit,
            after: { type: 'string', minLength: 1, maxLength: 128 },
          },
        },
      },
    },
    async (request) => {
      const { limit, after } = request.query;
      // Stored stamps are toISOString() text, so the cursor is normalised to the same form to compare as text.
      const since = request.query.updatedSince === undefined ? beginning : new Date(request.query.updatedSince).toISOString();
      const rows = store.collection<OrderViewRow>(orderViewsCollection);
      const wanted = limit + 1;
      let found: OrderViewRow[];
      if (after === undefined) {
        found = await rows.find({ updatedAt: { $gte: since } }, { sort: { updatedAt: 1 }, limit: wanted });
      } else {
        // The store has no OR: rows at the cursor's instant past its order id, then the rows after that instant.
        found = await rows.find({ updatedAt: since, _id: { $gt: after } }, { sort: { _id: 1 }, limit: wanted });
        if (found.length < wanted) found.push(...(await rows.find({ updatedAt: { $gt: since } }, { sort: { updatedAt: 1 }, limit: wanted - found.length })));
      }
      const page = found.slice(0, limit);
      const last = page[page.length - 1];
      return { orders: page.map(viewBody), ...(found.length > limit ? { next: { updatedSince: last.updatedAt, after: last._id } } : {}) };
    },
  );
}
