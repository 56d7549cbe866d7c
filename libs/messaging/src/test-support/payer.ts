import type { HandlerMap } from '../consume/handler';
import { countEffect } from './harness';

/** The test participant: counts an effect per order and reacts with `payment.captured`. */
export const payerHandlers: HandlerMap = {
  'stock.reserved': async (event, ctx) => {
    await countEffect(ctx.store, event.data.orderId);
    await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: `pay_${event.id.slice(0, 8)}`, amountCents: 100 });
  },
};

export const payerRetryDelaysMs = [100, 200, 400];
