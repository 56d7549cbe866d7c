import type { AnalyticsOrder, AnalyticsSummary } from '../analytics/analytics';
import type { Notification } from '../notification/notification';
import type { Order } from '../order/order';
import type { Payment } from '../payment/payment';
import type { Reservation } from '../inventory/reservation';
import type { Shipment } from '../shipping/shipment';
import type { StockLevel } from '../inventory/stock';
import { referenceManifests } from '@troupe/order-catalogue';
import type { SagaEventType } from '../events';

export type Participant = 'order' | 'inventory' | 'payment' | 'shipping' | 'notification' | 'analytics' | 'view';

/** The service each participant of the simulation stands in for. */
const serviceOf: Record<Participant, string> = {
  order: 'order-service',
  inventory: 'inventory-service',
  payment: 'payment-service',
  shipping: 'shipping-service',
  notification: 'notification-service',
  analytics: 'analytics-service',
  view: 'order-view',
};

function consumedByService(service: string): SagaEventType[] {
  const manifest = referenceManifests.find((candidate) => candidate.service === service);
  if (!manifest) throw new Error(`no manifest for ${service}`);
  return manifest.reactions.map((reaction) => reaction.on);
}

/** Who consumes what: each participant's service manifest, so the simulation routes exactly as the broker does. */
export const subscriptions = Object.fromEntries(
  Object.entries(serviceOf).map(([participant, service]) => [participant, consumedByService(service)]),
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
