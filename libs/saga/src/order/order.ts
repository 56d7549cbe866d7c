import type { CancelReason, OrderLine, ReservationFailure, ShippingAddress } from '../events';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
export type OrderReason = CancelReason | ReservationFailure;

export type TimelineStepName =
  | 'created'
  | 'stock-reservation-failed'
  | 'payment-declined'
  | 'shipment-failed'
  | 'cancellation-requested'
  | 'stock-released'
  | 'confirmed'
  | 'rejected'
  | 'cancelled';

export interface TimelineStep {
  step: TimelineStepName;
  at: string;
  /** The order version this step produced. */
  version: number;
}

/** The order aggregate, owned by order-service: the system of record for the saga's outcome. */
export interface Order {
  orderId: string;
  customerId: string;
  items: OrderLine[];
  totalCents: number;
  paymentToken: string;
  shippingAddress: ShippingAddress;
  createdAt: string;
  deadline: string;
  status: OrderStatus;
  /** Set once the outcome is terminal: a CancelReason for CANCELLED, a ReservationFailure for REJECTED. */
  reason?: OrderReason;
  /**
   * Set while PENDING once an undo relay is running. The order only turns CANCELLED when `stock.released`
   * (the relay's last hop) arrives, so "cancelled" always means "everything was undone".
   */
  compensating?: CancelReason;
  /** Incremented by every state change; the store's optimistic-concurrency version. */
  version: number;
  timeline: TimelineStep[];
}

export function isTerminal(order: Pick<Order, 'status'>): boolean {
  return order.status !== 'PENDING';
}
