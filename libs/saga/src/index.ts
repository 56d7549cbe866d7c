// The order saga's decisions, one pure function per reaction of each participant. No I/O: handlers load the
// per-order record, call the function, save `state` and publish `emit` in one local transaction.

export type { Changed, Decision, RetryLater, Unchanged } from './decision';
export * from './events';

// order-service
export type { Order, OrderReason, OrderStatus, TimelineStep, TimelineStepName } from './order/order';
export { isTerminal } from './order/order';
export type { FieldError, OrderRequest, Validated } from './order/order-request';
export { orderLimits } from './order/order-request';
export { validateOrderRequest } from './order/validate-order-request';
export { decimalToCents, orderTotalCents } from './order/money';
export { isCountryCode } from './order/countries';
export type { PlaceOrderContext } from './order/place-order';
export { placeOrder } from './order/place-order';
export type { OrderInboundEvent } from './order/apply-order-event';
export { applyOrderEvent } from './order/apply-order-event';
export type { CancelConflict } from './order/cancel-order';
export { cancelOrder, expireOrder, isOverdue } from './order/cancel-order';

// inventory-service
export type { SetAvailableResult, StockBySku, StockLevel } from './inventory/stock';
export { maxAvailable, seedStock, setAvailable } from './inventory/stock';
export type { InventoryChange, Reservation, ReservationStatus } from './inventory/reservation';
export { reserveStock, skusOf } from './inventory/reserve-stock';
export type { ReleaseTrigger } from './inventory/release-stock';
export { releaseStock } from './inventory/release-stock';

// payment-service
export type { Payment, PaymentOperation, PaymentStatus, PaymentView } from './payment/payment';
export { paymentView } from './payment/payment';
export { paymentRules } from './payment/payment-rules';
export type { ChargeContext } from './payment/charge-payment';
export { chargePayment } from './payment/charge-payment';
export type { RefundTrigger } from './payment/refund-payment';
export { refundPayment } from './payment/refund-payment';

// shipping-service
export type { Shipment, ShipmentStatus, ShipmentView } from './shipping/shipment';
export { shipmentView } from './shipping/shipment';
export { shippingRules } from './shipping/shipping-rules';
export { scheduleShipment } from './shipping/schedule-shipment';
export { cancelShipment } from './shipping/cancel-shipment';

// notification-service
export type { Notification } from './notification/notification';
export type { TerminalEvent } from './notification/compose-message';
export { composeMessage } from './notification/compose-message';
export type { NotifyContext } from './notification/notify-customer';
export { notifyCustomer } from './notification/notify-customer';

// analytics-service
export type { AnalyticsEvent, AnalyticsOrder, AnalyticsState, AnalyticsSummary } from './analytics/analytics';
export { applyAnalyticsEvent, emptySummary, summarizeAnalytics } from './analytics/analytics';

// invariants (docs/product.md#invariants, the pure part)
export type {
  InvariantViolation,
  SnapshotOrder,
  SnapshotPayment,
  SnapshotStock,
  SystemSnapshot,
} from './invariants/system-snapshot';
export { checkInvariants } from './invariants/check-invariants';
