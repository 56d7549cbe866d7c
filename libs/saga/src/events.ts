/**
 * The payloads this domain reads and decides, one per routing key of docs/architecture.md.
 * They mirror libs/contracts field by field (checked in events.spec.ts); the domain keeps its own copy so its
 * rules never depend on how a message is encoded.
 */

export type CustomerCancelReason = 'customer_cancelled' | 'timed_out';
export type CancelReason = 'payment_declined' | 'shipping_failed' | CustomerCancelReason;
export type RefundReason = 'shipping_failed' | CustomerCancelReason;
export type ReservationFailure = 'insufficient_stock' | 'unknown_sku';
export type DeclineReason = 'card_declined' | 'amount_over_limit';
export type ShipmentFailure = 'unserviceable_country' | 'invalid_postal_code';
export type Outcome = 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface StockItem {
  sku: string;
  quantity: number;
}

export interface ShippingAddress {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  /** ISO 3166 alpha-2, upper case. */
  country: string;
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

/** Event type (= routing key) → payload. */
export interface SagaEventMap {
  'order.created': {
    orderId: string;
    customerId: string;
    items: OrderLine[];
    totalCents: number;
    paymentToken: string;
    shippingAddress: ShippingAddress;
    deadline: string;
    orderVersion: number;
  };
  'order.cancellation-requested': { orderId: string; reason: CustomerCancelReason; orderVersion: number };
  'stock.reserved': { orderId: string; items: StockItem[] };
  'stock.reservation-failed': { orderId: string; reason: ReservationFailure; shortages: Shortage[] };
  'stock.released': { orderId: string; items: StockItem[]; reason: CancelReason };
  'payment.captured': { orderId: string; paymentId: string; amountCents: number };
  'payment.declined': { orderId: string; amountCents: number; reason: DeclineReason };
  'payment.refunded': { orderId: string; paymentId?: string; amountCents: number; reason: RefundReason };
  'shipment.scheduled': { orderId: string; shipmentId: string };
  'shipment.failed': { orderId: string; reason: ShipmentFailure };
  'shipment.cancelled': { orderId: string; wasScheduled: boolean; shipmentId?: string; reason: CustomerCancelReason };
  'order.confirmed': { orderId: string; customerId: string; totalCents: number; orderVersion: number };
  'order.rejected': { orderId: string; customerId: string; reason: ReservationFailure; orderVersion: number };
  'order.cancelled': {
    orderId: string;
    customerId: string;
    totalCents: number;
    reason: CancelReason;
    orderVersion: number;
  };
  'customer.notified': { orderId: string; notificationId: string; outcome: Outcome; channel: 'email' | 'store' };
}

export type SagaEventType = keyof SagaEventMap;

/**
 * An event as the domain sees it: just `type` and `data`. A CloudEvents envelope has both fields,
 * so a handler can pass the envelope it received as is.
 */
export type SagaEvent<T extends SagaEventType = SagaEventType> = {
  [K in T]: { type: K; data: SagaEventMap[K] };
}[T];

export function event<T extends SagaEventType>(type: T, data: SagaEventMap[T]): SagaEvent<T> {
  return { type, data } as SagaEvent<T>;
}
