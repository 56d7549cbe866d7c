import type { AnalyticsOrder, AnalyticsSummary } from '../analytics/analytics';
import type { Notification } from '../notification/notification';
import type { Order } from '../order/order';
import type { Payment } from '../payment/payment';
import type { Reservation } from '../inventory/reservation';
import type { Shipment } from '../shipping/shipment';
import type { StockLevel } from '../inventory/stock';
import {
  analyticsServiceManifest,
  inventoryServiceManifest,
  notificationServiceManifest,
  orderServiceManifest,
  orderViewManifest,
  paymentServiceManifest,
  shippingServiceManifest,
} from '@troupe/order-catalogue';
import type { ServiceManifest } from '@troupe/contracts';
import type { SagaEventType } from '../events';

export type Participant = 'order' | 'inventory' | 'payment' | 'shipping' | 'notification' | 'analytics' | 'view';

/** The service each participant of the simulation stands in for. */
const manifestOf: Record<Participant, ServiceManifest> = {
  order: orderServiceManifest,
  inventory: inventoryServiceManifest,
  payment: paymentServiceManifest,
  shipping: shippingServiceManifest,
  notification: notificationServiceManifest,
  analytics: analyticsServiceManifest,
  view: orderViewManifest,
};

/** Who consumes what: each participant's service manifest, so the simulation routes exactly as the broker does. */
export const subscriptions = Object.fromEntries(
  Object.entries(manifestOf).map(([participant, manifest]) => [participant, manifest.reactions.map((reaction) => reaction.on)]),
) as unknown as Record<Participant, readonly SagaEventType[]>;

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
