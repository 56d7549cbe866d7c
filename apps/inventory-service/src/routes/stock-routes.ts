import { ConcurrencyError } from '@troupe/persistence';
import { setAvailable, type StockLevel } from '@troupe/saga';
import type { ErrorBody, HttpServer, WorkerContext } from '@troupe/worker';
import { stockRows, toStockLevel } from '../stock/inventory-documents';

const skuParams = {
  type: 'object',
  required: ['sku'],
  properties: { sku: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** A reservation may change the row between our read and write; a few fresh attempts settle it. */
const maxAttempts = 5;

/** `GET /stock/:sku` and `PUT /stock/:sku {available}` (an operator's recount, admin only; reserved units are untouched). */
export function registerStockRoutes(http: HttpServer, { store }: WorkerContext): void {
  http.get<{ Params: { sku: string } }>('/stock/:sku', { schema: { params: skuParams } }, async (request, reply) => {
    const row = await stockRows(store).get(request.params.sku);
    if (!row) return reply.status(404).send({ error: 'Not Found', message: `unknown SKU ${request.params.sku}` } satisfies ErrorBody);
    return toStockLevel(row);
  });

  // No body schema on purpose: fastify would coerce "5" into 5, and the domain's check is the one rule.
  http.put<{ Params: { sku: string }; Body: unknown }>('/stock/:sku', { config: { adminOnly: true }, schema: { params: skuParams } }, async (request, reply) => {
    const { sku } = request.params;
    const body = request.body;
    const available = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).available : undefined;
    const attempt = () =>
      store.transaction(async (session) => {
        const rows = stockRows(session);
        const current = await rows.get(sku);
        const result = setAvailable(current && toStockLevel(current), sku, available);
        if (!result.ok) return result;
        const row = { ...result.level, _id: sku };
        if (current) await rows.update(row, current.version ?? 1);
        else await rows.insert(row);
        return result;
      });
    let result: Awaited<ReturnType<typeof attempt>> | undefined;
    for (let tries = 1; result === undefined; tries += 1) {
      result = await attempt().catch((error: unknown) => {
        if (error instanceof ConcurrencyError && tries < maxAttempts) return undefined;
        throw error;
      });
    }
    if (!result.ok) {
      const body: ErrorBody = { error: 'Bad Request', message: `invalid body: ${result.error}`, fields: [{ field: 'available', message: result.error.replace(/^available /, '') }] };
      return reply.status(400).send(body);
    }
    return result.level satisfies StockLevel;
  });
}
