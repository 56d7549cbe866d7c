import type { shippingServiceManifest } from '@troupe/order-catalogue';
import type { HandlersOf } from '@troupe/worker';
import { randomUUID } from 'node:crypto';
import type { HandlerContext } from '@troupe/messaging';
import { cancelShipment, scheduleShipment, type Decision, type RetryLater, type Shipment } from '@troupe/saga';
import { loadShipment, saveShipment, type StoredShipment } from '../shipments/shipments';

/** Saves a changed record and writes its events to the outbox; a `retry-later` (no address yet) throws so the pipeline retries. */
async function apply(ctx: HandlerContext, previous: StoredShipment | undefined, decision: Decision<Shipment> | RetryLater): Promise<void> {
  if (decision.kind === 'retry-later') throw new Error(decision.why);
  if (decision.kind === 'unchanged') {
    ctx.logger.debug({ why: decision.why }, 'event changes nothing');
    return;
  }
  await saveShipment(ctx.store, previous, decision.state);
  for (const emitted of decision.emit) await ctx.emit(emitted.type, emitted.data);
}

export function shippingHandlers(): HandlersOf<typeof shippingServiceManifest> {
  return {
    'payment.captured': async (event, ctx) => {
      const shipment = await loadShipment(ctx.store, event.data.orderId);
      await apply(ctx, shipment, scheduleShipment(shipment, event, randomUUID()));
    },
    'order.cancellation-requested': async (event, ctx) => {
      const shipment = await loadShipment(ctx.store, event.data.orderId);
      await apply(ctx, shipment, cancelShipment(shipment, event));
    },
  };
}
