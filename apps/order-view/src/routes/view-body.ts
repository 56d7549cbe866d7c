import type { OrderViewRow } from '../store/order-view-row';
import type { OrderViewItem, OrderViewStatus, TimelineStep } from '../view/order-view';

/** What GET /orders/:id answers (and PUT /orders/:id accepts back). */
export interface OrderViewBody {
  orderId: string;
  status: OrderViewStatus;
  reason?: string;
  customerId: string | null;
  items: OrderViewItem[];
  total: number | null;
  version: number;
  notified: boolean;
  timeline: TimelineStep[];
  createdAt: string | null;
  updatedAt: string;
}

export function viewBody(row: OrderViewRow): OrderViewBody {
  const { view } = row;
  return {
    orderId: view.orderId,
    status: view.status,
    ...(view.reason !== undefined ? { reason: view.reason } : {}),
    customerId: view.customerId,
    items: view.items,
    total: view.total,
    version: view.version,
    notified: view.notified,
    timeline: view.timeline,
    createdAt: view.createdAt,
    updatedAt: row.updatedAt,
  };
}
