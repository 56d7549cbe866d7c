import { Decision, RetryLater, changed, retryLater, unchanged } from '../decision';
import { SagaEvent, event } from '../events';
import type { Shipment } from './shipment';
import { shippingFailureFor } from './shipping-rules';

/**
 * `payment.captured` → schedule the shipment or fail it, once. Before `order.created` there is no address:
 * retry later. After a cancellation, never schedule (payment is refunded by the relay).
 */
export function scheduleShipment(
  shipment: Shipment | undefined,
  captured: SagaEvent<'payment.captured'>,
  shipmentId: string,
): Decision<Shipment> | RetryLater {
  const { orderId } = captured.data;
  if (shipment?.status === 'CANCELLED') return unchanged(`shipment for ${orderId} was cancelled: not scheduling`);
  if (!shipment?.address) return retryLater(`order.created for ${orderId} not seen yet`);
  if (shipment.status !== 'AWAITING_PAYMENT') return unchanged(`shipment for ${orderId} is already ${shipment.status}`);

  const failure = shippingFailureFor(shipment.address);
  if (failure) {
    return changed({ ...shipment, status: 'FAILED' }, [event('shipment.failed', { orderId, reason: failure })]);
  }
  return changed({ ...shipment, status: 'SCHEDULED', shipmentId }, [
    event('shipment.scheduled', { orderId, shipmentId }),
  ]);
}
