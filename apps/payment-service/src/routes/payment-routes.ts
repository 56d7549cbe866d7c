import type { Store } from '@troupe/persistence';
import { paymentView } from '@troupe/saga';
import type { HttpServer } from '@troupe/worker';
import { loadPayment } from '../payments/payments';

/** HTTP speaks decimal currency units (19.99); events and the store keep integer cents. */
const toAmount = (cents: number): number => cents / 100;

export function paymentRoutes(http: HttpServer, store: Store): void {
  http.get<{ Params: { orderId: string } }>('/payments/:orderId', async (request, reply) => {
    const payment = await loadPayment(store, request.params.orderId);
    if (!payment) return reply.status(404).send({ error: 'Not Found', message: `no payment for order ${request.params.orderId}` });
    const view = paymentView(payment);
    return {
      orderId: view.orderId,
      captured: toAmount(view.captured),
      refunded: toAmount(view.refunded),
      status: view.status,
      operations: view.operations.map(({ kind, amountCents, at }) => ({ kind, amount: toAmount(amountCents), at })),
    };
  });
}
