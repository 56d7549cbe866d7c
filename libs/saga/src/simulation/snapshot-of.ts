import type { SystemSnapshot } from '../invariants/system-snapshot';
import { paymentView } from '../payment/payment';
import type { Stores } from './participants';

/** The invariant checker's input, read from the in-memory stores as the testing lib reads the HTTP views. */
export function snapshotOf(stores: Stores, initialStock: ReadonlyMap<string, number>): SystemSnapshot {
  return {
    orders: [...stores.orders.values()].map((order) => ({
      orderId: order.orderId,
      status: order.status,
      ...(order.reason ? { reason: order.reason } : {}),
      totalCents: order.totalCents,
      items: order.items,
      deadline: order.deadline,
    })),
    stock: [...stores.stock.values()].map((level) => ({ ...level, initial: initialStock.get(level.sku) ?? 0 })),
    payments: [...stores.payments.values()].map(paymentView),
    shipments: [...stores.shipments.values()].map(({ orderId, status }) => ({ orderId, status })),
    notifications: [...stores.notifications.values()].map(({ orderId, outcome }) => ({ orderId, outcome })),
    orderView: [...stores.view.values()],
    analytics: stores.analyticsSummary,
  };
}
