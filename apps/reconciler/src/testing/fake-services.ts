import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AnalyticsRow, OrderRecord, OrderViewRow } from '../sources/rows';
import { changedOrdersPage } from './order-feed';

/**
 * order-service, order-view and analytics-service as tiny loopback servers over maps, speaking the HTTP contract
 * the reconciler reads, and counting what they served and what was PUT. Their PUTs are admin routes, as the real
 * ones: 401 unless `Authorization: Bearer <adminToken>`.
 */
export class FakeServices {
  constructor(private readonly adminToken: string) {}

  readonly records = new Map<string, OrderRecord>();
  readonly views = new Map<string, OrderViewRow>();
  readonly lines = new Map<string, AnalyticsRow>();
  /** Rows served by `GET /orders` (the change feed), summed over pages. */
  feedRowsServed = 0;
  viewPuts: string[] = [];
  analyticsPuts: string[] = [];
  private readonly servers: FastifyInstance[] = [];
  urls = { orderService: '', orderView: '', analytics: '' };

  async start(): Promise<void> {
    const orderService = this.server();
    orderService.get<{ Querystring: { updatedSince: string; after?: string; limit: string } }>('/orders', async (request) => {
      const { updatedSince, after, limit } = request.query;
      const page = changedOrdersPage(this.records.values(), { updatedSince, ...(after ? { after } : {}) }, Math.min(Number(limit), 500));
      this.feedRowsServed += page.orders.length;
      return page;
    });
    orderService.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => this.records.get(request.params.id) ?? reply.code(404).send({ error: 'Not Found' }));

    const orderView = this.server();
    orderView.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => this.views.get(request.params.id) ?? reply.code(404).send({ error: 'Not Found' }));
    orderView.put<{ Params: { id: string }; Body: OrderViewRow }>('/orders/:id', { onRequest: this.admin }, async (request) => {
      this.viewPuts.push(request.params.id);
      this.views.set(request.params.id, request.body);
      return request.body;
    });

    const analytics = this.server();
    analytics.get<{ Params: { id: string } }>('/analytics/orders/:id', async (request, reply) => this.lines.get(request.params.id) ?? reply.code(404).send({ error: 'Not Found' }));
    analytics.put<{ Params: { id: string }; Body: { outcome: string; total: number } }>('/analytics/orders/:id', { onRequest: this.admin }, async (request) => {
      this.analyticsPuts.push(request.params.id);
      const line = { orderId: request.params.id, ...request.body };
      this.lines.set(request.params.id, line);
      return line;
    });

    const [orderServiceUrl, orderViewUrl, analyticsUrl] = await Promise.all(this.servers.map((server) => server.listen({ port: 0, host: '127.0.0.1' })));
    this.urls = { orderService: orderServiceUrl!, orderView: orderViewUrl!, analytics: analyticsUrl! };
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.close()));
  }

  private readonly admin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.authorization !== `Bearer ${this.adminToken}`) return reply.code(401).send({ error: 'Unauthorized', message: 'admin token missing or wrong' });
  };

  private server(): FastifyInstance {
    const server = Fastify({ logger: false });
    this.servers.push(server);
    return server;
  }
}
