import type { OrderBody } from './order-body';
import { ApiResponse, expectStatus, request } from './http-request';
import type {
  AnalyticsOrderView,
  AnalyticsSummaryView,
  NotificationView,
  OrderPage,
  OrderView,
  PaymentView,
  PlacedOrder,
  ReadModelOrder,
  ShipmentView,
  StockView,
} from './views';

const id = (value: string) => encodeURIComponent(value);

export function ordersClient(baseUrl: string) {
  return {
    place: (body: unknown, options: { idempotencyKey?: string } = {}): Promise<ApiResponse<PlacedOrder>> =>
      request<PlacedOrder>(baseUrl, 'POST', '/orders', {
        json: body,
        headers: options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey },
      }),
    /** Places an order and returns its id, failing loudly unless order-service answers 202. */
    async placeAccepted(body: OrderBody, options: { idempotencyKey?: string } = {}): Promise<PlacedOrder> {
      const response = await this.place(body, options);
      return expectStatus(response, [202], 'POST /orders').body;
    },
    get: (orderId: string) => request<OrderView>(baseUrl, 'GET', `/orders/${id(orderId)}`),
    cancel: (orderId: string) => request<PlacedOrder>(baseUrl, 'POST', `/orders/${id(orderId)}/cancel`),
    list: (query: { updatedSince?: string; limit?: number; after?: string } = {}) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
      const search = params.size > 0 ? `?${params}` : '';
      return request<OrderPage>(baseUrl, 'GET', `/orders${search}`);
    },
  };
}

/** `Authorization: Bearer <token>` for an admin route (the chassis' `adminOnly`). */
export function adminAuthorization(adminToken: string): Record<string, string> {
  return { authorization: `Bearer ${adminToken}` };
}

/** `set` is the operator's recount, an admin route: it sends `adminToken` (a request without one gets 401). */
export function stockClient(baseUrl: string, adminToken?: string) {
  return {
    get: (sku: string) => request<StockView>(baseUrl, 'GET', `/stock/${id(sku)}`),
    set: (sku: string, available: number) =>
      request<StockView>(baseUrl, 'PUT', `/stock/${id(sku)}`, { json: { available }, headers: adminToken === undefined ? {} : adminAuthorization(adminToken) }),
  };
}

export function paymentsClient(baseUrl: string) {
  return { get: (orderId: string) => request<PaymentView>(baseUrl, 'GET', `/payments/${id(orderId)}`) };
}

export function shipmentsClient(baseUrl: string) {
  return { get: (orderId: string) => request<ShipmentView>(baseUrl, 'GET', `/shipments/${id(orderId)}`) };
}

export function notificationsClient(baseUrl: string) {
  return {
    forOrder: (orderId: string) =>
      request<{ notifications: NotificationView[] }>(baseUrl, 'GET', `/notifications?orderId=${id(orderId)}`),
  };
}

export function analyticsClient(baseUrl: string) {
  return {
    summary: () => request<AnalyticsSummaryView>(baseUrl, 'GET', '/analytics/summary'),
    order: (orderId: string) => request<AnalyticsOrderView>(baseUrl, 'GET', `/analytics/orders/${id(orderId)}`),
  };
}

export function orderViewClient(baseUrl: string) {
  return {
    get: (orderId: string, minVersion?: number) =>
      request<ReadModelOrder>(baseUrl, 'GET', `/orders/${id(orderId)}${minVersion === undefined ? '' : `?minVersion=${minVersion}`}`),
  };
}

export type OrdersClient = ReturnType<typeof ordersClient>;
export type StockClient = ReturnType<typeof stockClient>;
export type PaymentsClient = ReturnType<typeof paymentsClient>;
export type ShipmentsClient = ReturnType<typeof shipmentsClient>;
export type NotificationsClient = ReturnType<typeof notificationsClient>;
export type AnalyticsClient = ReturnType<typeof analyticsClient>;
export type OrderViewClient = ReturnType<typeof orderViewClient>;
