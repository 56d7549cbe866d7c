import { Decision, changed, unchanged } from '../decision';
import type { SagaEvent } from '../events';
import type { Shipment } from './shipment';

/** `order.created` → remember where to ship. A record opened by an early cancellation stays CANCELLED. */
export function rememberOrderForShipping(
  shipment: Shipment | undefined,
  created: SagaEvent<'order.created'>,
): Decision<Shipment> {
  const { orderId, shippingAddress } = created.data;
  if (shipment?.address) return unchanged(`shipment for ${orderId} already knows the order`);
  return changed({ ...(shipment ?? { orderId, status: 'AWAITING_PAYMENT' }), address: { ...shippingAddress } });
}
