import type { ShippingAddress } from '../events';

/**
 * Shipping's per-order record.
 * - AWAITING_PAYMENT: address known, waiting for `payment.captured`.
 * - SCHEDULED / FAILED: the carrier's answer.
 * - CANCELLED: the cancellation came through (`wasScheduled` says whether a shipment had to be called
 *   back); nothing is scheduled for this order afterwards.
 */
export type ShipmentStatus = 'AWAITING_PAYMENT' | 'SCHEDULED' | 'FAILED' | 'CANCELLED';

export interface Shipment {
  orderId: string;
  /** From `order.created`; absent when the cancellation reached shipping before the order did. */
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
