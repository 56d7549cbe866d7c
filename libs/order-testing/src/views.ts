// The HTTP views of docs/product.md#http-api as the apps answer them (money in decimal). Optional fields are the ones a
// service may omit; the kit never relies on more than the contract.

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
export type Outcome = Exclude<OrderStatus, 'PENDING'>;

export interface PlacedOrder {
  orderId: string;
  status: OrderStatus;
  version: number;
}

export interface OrderView {
  orderId: string;
  status: OrderStatus;
  reason?: string;
  customerId: string;
  items: { sku: string; quantity: number; unitPrice: number }[];
  total: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  deadline: string;
}

export interface OrderPage {
  orders: OrderView[];
  /** order-service answers a keyset cursor `{updatedSince, after}`; a bare string is taken as `after`. */
  next?: string | { updatedSince: string; after: string };
}

export interface StockView {
  sku: string;
  available: number;
  reserved: number;
}

export interface PaymentView {
  orderId: string;
  captured: number;
  refunded: number;
  status: string;
  operations: { kind: 'capture' | 'refund'; amount: number; at: string }[];
}

export interface ShipmentView {
  orderId: string;
  status: string;
}

export interface NotificationView {
  notificationId: string;
  orderId: string;
  outcome: Outcome;
  channel: string;
  subject: string;
  text: string;
  sentAt: string;
}

export interface AnalyticsSummaryView {
  orders: Record<Outcome, number>;
  cancelledByReason: Record<string, number>;
  revenue: number;
}

export interface AnalyticsOrderView {
  orderId: string;
  outcome?: Outcome;
  total?: number;
}

export interface TimelineEntry {
  service: string;
  event: string;
  at: string;
}

/** The order as order-view serves it: order-service's view without the creation time and deadline, plus the timeline. */
export interface ReadModelOrder extends Omit<OrderView, 'createdAt' | 'deadline'> {
  timeline: TimelineEntry[];
}

/** The one error body shape of every 4xx (libs/worker README). */
export interface ErrorBody {
  error: string;
  message: string;
  code?: string;
  fields?: { field: string; message: string }[];
}
