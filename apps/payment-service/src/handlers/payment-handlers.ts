import type { paymentServiceManifest } from '@troupe/order-catalogue';
import type { HandlersOf } from '@troupe/worker';
import { randomUUID } from 'node:crypto';
import type { HandlerContext } from '@troupe/messaging';
import { chargePayment, refundPayment, type Decision, type Payment, type RetryLater } from '@troupe/saga';
import { loadPayment, savePayment, type StoredPayment } from '../payments/payments';

/** Saves a changed record and writes its events to the outbox; a `retry-later` (nothing to charge yet) throws so the pipeline retries. */
async function apply(ctx: HandlerContext, previous: StoredPayment | undefined, decision: Decision<Payment> | RetryLater): Promise<void> {
  if (decision.kind === 'retry-later') throw new Error(decision.why);
  if (decision.kind === 'unchanged') {
    ctx.logger.debug({ why: decision.why }, 'event changes nothing');
    return;
  }
  await savePayment(ctx.store, previous, decision.state);
  for (const emitted of decision.emit) await ctx.emit(emitted.type, emitted.data);
}

export function paymentHandlers(): HandlersOf<typeof paymentServiceManifest> {
  return {
    'stock.reserved': async (event, ctx) => {
      const payment = await loadPayment(ctx.store, event.data.orderId);
      await apply(ctx, payment, chargePayment(payment, event, { paymentId: randomUUID(), at: new Date().toISOString() }));
    },
    'shipment.failed': async (event, ctx) => {
      const payment = await loadPayment(ctx.store, event.data.orderId);
      await apply(ctx, payment, refundPayment(payment, event, new Date().toISOString()));
    },
    'shipment.cancelled': async (event, ctx) => {
      const payment = await loadPayment(ctx.store, event.data.orderId);
      await apply(ctx, payment, refundPayment(payment, event, new Date().toISOString()));
    },
  };
}
