import { Decision, changed, unchanged } from '../decision';
import { SagaEvent, event } from '../events';
import type { Shipment } from './shipment';

/**
 * `order.cancellation-requested` → the first hop of the undo relay: call back a scheduled shipment (or
 * note there was none) and pass the relay on with `shipment.cancelled`, once.
 * A FAILED shipment already started its own relay (`shipment.failed` → refund → release), which ends the
 * order just the same, so a second relay is not started.
 */
export function cancelShipment(
  shipment: Shipment | undefined,
  requested: SagaEvent<'order.cancellation-requested'>,
): Decision<Shipment> {
  const { orderId, reason } = requested.data;
  if (shipment?.status === 'CANCELLED') return unchanged(`shipment for ${orderId} was already cancelled`);
  if (shipment?.status === 'FAILED') return unchanged(`shipment for ${orderId} failed: its undo relay is running`);

  const wasScheduled = shipment?.status === 'SCHEDULED';
  const shipmentId = shipment?.shipmentId;
  const next: Shipment = { ...(shipment ?? { orderId }), status: 'CANCELLED', wasScheduled };
  return changed(next, [
    event('shipment.cancelled', { orderId, wasScheduled, reason, ...(shipmentId ? { shipmentId } : {}) }),
  ]);
}
