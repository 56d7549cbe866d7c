import {
  adminAuthorization,
  expectStatus,
  request,
  type AnalyticsOrderView,
  type AnalyticsSummaryView,
  type NotificationView,
  type OrderBody,
  type OrderPage,
  type OrderSystem,
  type OrderView,
  type PaymentView,
  type PlacedOrder,
  type ReadModelOrder,
  type ShipmentView,
  type StockView,
} from '@troupe/order-testing';
import type { ChaosApp } from './targets';

/** What `collectSnapshot` and `listAllOrders` read of an order system: its HTTP clients. */
export type SnapshotSource = Pick<OrderSystem, 'orders' | 'stock' | 'payments' | 'shipments' | 'notifications' | 'analytics' | 'orderView'>;

const id = encodeURIComponent;

/**
 * The order-testing kit's clients, pointed at the chaos system's fixed ports (the kit builds its own only for the
 * systems it starts). Same paths and shapes, so the kit's snapshot and invariant checks run unchanged. `stock.set` is an
 * admin route and sends `adminToken`.
 */
export function snapshotSource(urlOf: (app: ChaosApp) => string, adminToken: string): SnapshotSource {
  const orders = urlOf('order-service');
  const place = (body: unknown, options: { idempotencyKey?: string } = {}) =>
    request<PlacedOrder>(orders, 'POST', '/orders', {
      json: body,
      headers: options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey },
    });
  return {
    orders: {
      place,
      placeAccepted: async (body: OrderBody, options: { idempotencyKey?: string } = {}) => expectStatus(await place(body, options), [202], 'POST /orders').body,
      get: (orderId: string) => request<OrderView>(orders, 'GET', `/orders/${id(orderId)}`),
      cancel: (orderId: string) => request<PlacedOrder>(orders, 'POST', `/orders/${id(orderId)}/cancel`),
      list: (query: { updatedSince?: string; limit?: number; after?: string } = {}) => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
        return request<OrderPage>(orders, 'GET', `/orders${params.size > 0 ? `?${params}` : ''}`);
      },
    },
    stock: {
      get: (sku: string) => request<StockView>(urlOf('inventory-service'), 'GET', `/stock/${id(sku)}`),
      set: (sku: string, available: number) =>
        request<StockView>(urlOf('inventory-service'), 'PUT', `/stock/${id(sku)}`, { json: { available }, headers: adminAuthorization(adminToken) }),
    },
    payments: { get: (orderId: string) => request<PaymentView>(urlOf('payment-service'), 'GET', `/payments/${id(orderId)}`) },
    shipments: { get: (orderId: string) => request<ShipmentView>(urlOf('shipping-service'), 'GET', `/shipments/${id(orderId)}`) },
    notifications: {
      forOrder: (orderId: string) => request<{ notifications: NotificationView[] }>(urlOf('notification-service'), 'GET', `/notifications?orderId=${id(orderId)}`),
    },
    analytics: {
      summary: () => request<AnalyticsSummaryView>(urlOf('analytics-service'), 'GET', '/analytics/summary'),
      order: (orderId: string) => request<AnalyticsOrderView>(urlOf('analytics-service'), 'GET', `/analytics/orders/${id(orderId)}`),
    },
    orderView: {
      get: (orderId: string, minVersion?: number) =>
        request<ReadModelOrder>(urlOf('order-view'), 'GET', `/orders/${id(orderId)}${minVersion === undefined ? '' : `?minVersion=${minVersion}`}`),
    },
  };
}
