import type { ShippingAddress } from '../events';

/**
 * Shipping's per-order record, created by `payment.captured` (where to ship travels in it), or by the cancellation
 * when it comes first.
 * - AWAITING_PAYMENT: waiting for `payment.captured` (a record a previous release opened on `order.created`; this
 *   release decides on the first `payment.captured`, so its records leave AWAITING_PAYMENT at once).
 * - SCHEDULED / FAILED: the carrier's answer.
 * - CANCELLED: the cancellation came through (`wasScheduled` says whether a shipment had to be called
 *   back); nothing is scheduled for this order afterwards.
 */
export type ShipmentStatus = 'AWAITING_PAYMENT' | 'SCHEDULED' | 'FAILED' | 'CANCELLED';

export interface Shipment {
  orderId: string;
  /**
   * What a previous release remembered from `order.created`, when shipping still consumed it. Read only as the fallback
   * for a `payment.captured` that carries no address (sent by a payment-service of that release); this release takes
   * the address from the event and does not keep it here.
   */
  address?: ShippingAddress;
  status: ShipmentStatus;
  shipmentId?: string;
  wasScheduled?: boolean;
}

/** `GET /shipments/:orderId`. */
export interface ShipmentView {
  orderId: string;
  status: ShipmentStatus;
}

export function shipmentView(shipment: Shipment): ShipmentView {
  return { orderId: shipment.orderId, status: shipment.status };
}
