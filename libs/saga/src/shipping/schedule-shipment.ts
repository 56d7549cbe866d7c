import { Decision, RetryLater, changed, retryLater, unchanged } from '../decision';
import { SagaEvent, event } from '../events';
import type { Shipment } from './shipment';
import { shippingFailureFor } from './shipping-rules';

/**
 * `payment.captured` → schedule the shipment or fail it, once. Where to ship travels in the event
 * (`shippingAddress`, passed on by payment from `stock.reserved`). An event without it comes from a payment-service
 * of the previous release, still in flight during an upgrade: the address that release's shipping-service remembered
 * (`shipment.address`) is used instead, and when there is none either the event is retried later (and dead-lettered
 * with that reason once its retries run out). After a cancellation, never schedule (payment is refunded by the relay).
 */
export function scheduleShipment(
  shipment: Shipment | undefined,
  captured: SagaEvent<'payment.captured'>,
  shipmentId: string,
): Decision<Shipment> | RetryLater {
  const { orderId } = captured.data;
  if (shipment?.status === 'CANCELLED') return unchanged(`shipment for ${orderId} was cancelled: not scheduling`);
  if (shipment && shipment.status !== 'AWAITING_PAYMENT') return unchanged(`shipment for ${orderId} is already ${shipment.status}`);
  const address = captured.data.shippingAddress ?? shipment?.address;
  if (!address) {
    return retryLater(
      `payment.captured for ${orderId} carries no shipping address and none was remembered (sent by a payment-service older than this release?)`,
    );
  }

  const current: Shipment = shipment ?? { orderId, status: 'AWAITING_PAYMENT' };
  const failure = shippingFailureFor(address);
  if (failure) {
    return changed({ ...current, status: 'FAILED' }, [event('shipment.failed', { orderId, reason: failure })]);
  }
  return changed({ ...current, status: 'SCHEDULED', shipmentId }, [event('shipment.scheduled', { orderId, shipmentId })]);
}
