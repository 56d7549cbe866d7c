import type { SagaStatus, SagaSummary, TimelineStep } from './saga-types';

/** The part of order-view's `GET /orders/:id` body the board reads. */
export interface OrderViewBody {
  orderId: string;
  status: SagaStatus;
  reason?: string;
  customerId: string | null;
  items: Array<{ sku: string; quantity: number; unitPrice: number }>;
  total: number | null;
  version: number;
  notified: boolean;
  timeline: TimelineStep[];
  createdAt: string | null;
  updatedAt: string;
}

export function summariseView(view: OrderViewBody): SagaSummary {
  const last = view.timeline[view.timeline.length - 1];
  return {
    orderId: view.orderId,
    status: view.status,
    ...(view.reason !== undefined ? { reason: view.reason } : {}),
    customerId: view.customerId,
    total: view.total,
    startedAt: view.createdAt ?? view.timeline[0]?.at ?? null,
    updatedAt: view.updatedAt,
    ...(last ? { lastStep: { service: last.service, event: last.event, at: last.at } } : {}),
    steps: view.timeline.length,
    notified: view.notified,
  };
}
