import type { OrderDocument } from './order-document';

/** The `GET /orders/:id` shape: money in decimal currency units, as clients sent it. */
export interface OrderResponse {
  orderId: string;
  status: string;
  reason?: string;
  customerId: string;
  items: { sku: string; quantity: number; unitPrice: number }[];
  total: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  deadline: string;
}

/** Integer cents divided by 100 is the double nearest the decimal, so it prints exactly as e.g. 19.99. */
export function centsToDecimal(cents: number): number {
  return cents / 100;
}

export function toOrderResponse(order: OrderDocument): OrderResponse {
  return {
    orderId: order.orderId,
    status: order.status,
    ...(order.reason ? { reason: order.reason } : {}),
    customerId: order.customerId,
    items: order.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPrice: centsToDecimal(unitPriceCents) })),
    total: centsToDecimal(order.totalCents),
    version: order.version,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    deadline: order.deadline,
  };
}
