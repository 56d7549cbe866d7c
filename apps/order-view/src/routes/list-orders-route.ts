import type { Filter } from '@troupe/persistence';
import type { HttpServer } from '@troupe/worker';
import { orderViewsCollection, type OrderViewRow } from '../store/order-view-row';
import type { OrderViewStatus } from '../view/order-view';
import type { OrderViewRoutesOptions } from './order-view-routes-options';
import { pageLimit } from './page-limit';
import { viewBody } from './view-body';

interface ListOrdersRequest {
  Querystring: { status?: OrderViewStatus; customerId?: string; limit: number; after?: string };
}

/** GET /orders: filtered by status and/or customer, paged by order id (`next` = the `after` of the next page). */
export function registerListOrders(http: HttpServer, { store }: OrderViewRoutesOptions): void {
  http.get<ListOrdersRequest>(
    '/orders',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] },
            customerId: { type: 'string', minLength: 1, maxLength: 128 },
            limit: pageLimit,
            after: { type: 'string', minLength: 1, maxLength: 128 },
          },
        },
      },
    },
    async (request) => {
      const { status, customerId, limit, after } = request.query;
      const filter: Filter<OrderViewRow> = {};
      if (status !== undefined) filter['view.status'] = status;
      if (customerId !== undefined) filter['view.customerId'] = customerId;
      if (after !== undefined) filter._id = { $gt: after };
      // One extra row tells whether another page exists without a count.
      const rows = await store.collection<OrderViewRow>(orderViewsCollection).find(filter, { sort: { _id: 1 }, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return { orders: page.map(viewBody), ...(rows.length > limit ? { next: page[page.length - 1]._id } : {}) };
    },
  );
}
