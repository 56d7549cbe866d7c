// The payloads this domain reads and decides are the order catalogue's, generated from its JSON Schemas: the
// domain keeps no copy of them, so a schema change is a compile error here rather than a message failing later.
// The domain still knows nothing of envelopes, brokers or stores: it sees `{ type, data }` only.
import type {
  CustomerNotified,
  EventMap,
  EventType,
  OrderCancellationRequested,
  PaymentDeclined,
  PaymentRefunded,
  ReservedItem,
  ShipmentFailed,
  StockReleased,
  StockReservationFailed,
} from '@troupe/order-catalogue';

export type { OrderCharge, OrderLine, ShippingAddress, Shortage } from '@troupe/order-catalogue';

export type CustomerCancelReason = OrderCancellationRequested['reason'];
export type CancelReason = StockReleased['reason'];
export type RefundReason = PaymentRefunded['reason'];
export type ReservationFailure = StockReservationFailed['reason'];
export type DeclineReason = PaymentDeclined['reason'];
export type ShipmentFailure = ShipmentFailed['reason'];
export type Outcome = CustomerNotified['outcome'];
/** A SKU and a count of its units: what is reserved and what is released. */
export type StockItem = ReservedItem;

/** Event type → payload, for every event of the order saga. */
export type SagaEventMap = EventMap;
export type SagaEventType = EventType;

export type SagaEvent<T extends SagaEventType = SagaEventType> = {
  [K in T]: { type: K; data: SagaEventMap[K] };
}[T];

export function event<T extends SagaEventType>(type: T, data: SagaEventMap[T]): SagaEvent<T> {
  return { type, data } as SagaEvent<T>;
}
