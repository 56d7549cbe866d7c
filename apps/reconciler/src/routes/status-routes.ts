import type { HttpServer } from '@troupe/worker';
import type { Reconciler } from '../run/reconciler';
import type { SummaryStore } from '../status/summary-store';

export function registerStatusRoutes(http: HttpServer, summaries: SummaryStore, reconciler: Reconciler): void {
  http.get('/status', async () => summaries.read());

  // Runs now instead of waiting for the next tick (after an incident, or from a test); 409 while another run holds the lease.
  // Admin only: a run repairs other services' rows.
  http.post('/runs', { config: { adminOnly: true } }, async (_request, reply) => {
    const outcome = await reconciler.run();
    if (!outcome.ran) return reply.code(409).send({ error: 'Conflict', message: `no run started: ${outcome.why}` });
    return outcome.report;
  });
}
