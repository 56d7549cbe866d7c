import type { AnalyticsOrder, AnalyticsSummary } from '../analytics/analytics';
import type { Notification } from '../notification/notification';
import type { Order } from '../order/order';
import type { Payment } from '../payment/payment';
import type { Reservation } from '../inventory/reservation';
import type { Shipment } from '../shipping/shipment';
import type { StockLevel } from '../inventory/stock';
import type { SagaEventType } from '../events';

export type Participant = 'order' | 'inventory' | 'payment' | 'shipping' | 'notification' | 'analytics' | 'view';

/** Who consumes what: the "reacted to by" column of docs/architecture.md's event catalogue. */
export const subscriptions: Record<Participant, readonly SagaEventType[]> = {
  order: ['stock.reservation-failed', 'payment.declined', 'shipment.failed', 'shipment.scheduled', 'stock.released'],
  inventory: ['order.created', 'payment.declined', 'payment.refunded'],
  payment: ['order.created', 'stock.reserved', 'shipment.failed', 'shipment.cancelled'],
  shipping: ['order.created', 'payment.captured', 'order.cancellation-requested'],
  notification: ['order.confirmed', 'order.rejected', 'order.cancelled'],
  analytics: ['order.created', 'order.confirmed', 'order.rejected', 'order.cancelled', 'customer.notified'],
  view: ['order.created', 'order.confirmed', 'order.rejected', 'order.cancelled'],
};

/** A minimal order-view row: enough for invariant 6. */
export interface ViewRow {
  orderId: string;
  status: Order['status'];
  reason?: string;
  totalCents?: number;
}

/** Each service's database, as plain maps. */
export interface Stores {
  orders: Map<string, Order>;
  stock: Map<string, StockLevel>;
  reservations: Map<string, Reservation>;
  payments: Map<string, Payment>;
  shipments: Map<string, Shipment>;
  notifications: Map<string, Notification>;
  analyticsOrders: Map<string, AnalyticsOrder>;
  analyticsSummary: AnalyticsSummary;
  view: Map<string, ViewRow>;
}
