import type { SystemSnapshot } from '@troupe/saga';
import { mapWithConcurrency } from './concurrency';
import { expectStatus } from './http-request';
import {
  initialLevels,
  snapshotAnalytics,
  snapshotNotifications,
  snapshotOrder,
  snapshotOrderViewRow,
  snapshotPayment,
  snapshotStock,
} from './snapshot-mapping';
import type { OrderSystem } from './start-order-system';

const parallelReads = 16;

/**
 * Reads every service's HTTP API into the SystemSnapshot of `checkInvariants`. Orders come from order-service
 * first (the system of record); a service answering 404 for an order simply has nothing for it.
 * `skus` default to those the orders touch; `initialStock` defaults to the seed (1,000) per SKU.
 */
export async function collectSnapshot(
  system: OrderSystem,
  orderIds: readonly string[],
  skus?: readonly string[],
  initialStock: Readonly<Record<string, number>> = {},
): Promise<SystemSnapshot> {
  const orders = await mapWithConcurrency(orderIds, parallelReads, async (orderId) =>
    snapshotOrder(expectStatus(await system.orders.get(orderId), [200], `order-service GET /orders/${orderId}`).body),
  );
  const levels = initialLevels(orders, initialStock);
  const skuList = skus ?? [...levels.keys()];
  const perOrder = await mapWithConcurrency(orderIds, parallelReads, async (orderId) => {
    const [payment, shipment, notifications, view] = await Promise.all([
      system.payments.get(orderId),
      system.shipments.get(orderId),
      system.notifications.forOrder(orderId),
      system.orderView.get(orderId),
    ]);
    expectStatus(payment, [200, 404], `payment-service GET /payments/${orderId}`);
    expectStatus(shipment, [200, 404], `shipping-service GET /shipments/${orderId}`);
    expectStatus(notifications, [200], `notification-service GET /notifications?orderId=${orderId}`);
    expectStatus(view, [200, 404], `order-view GET /orders/${orderId}`);
    return {
      payment: payment.status === 200 ? snapshotPayment(payment.body) : undefined,
      shipment: shipment.status === 200 ? { orderId, status: shipment.body.status } : undefined,
      notifications: snapshotNotifications(notifications.body.notifications.filter((sent) => sent.orderId === orderId)),
      view: view.status === 200 ? snapshotOrderViewRow(view.body) : undefined,
    };
  });
  const stock = await mapWithConcurrency(skuList, parallelReads, async (sku) =>
    snapshotStock(expectStatus(await system.stock.get(sku), [200], `inventory-service GET /stock/${sku}`).body, levels.get(sku) ?? 1_000),
  );
  const summary = expectStatus(await system.analytics.summary(), [200], 'analytics-service GET /analytics/summary').body;
  return {
    orders,
    stock,
    payments: perOrder.flatMap((entry) => (entry.payment ? [entry.payment] : [])),
    shipments: perOrder.flatMap((entry) => (entry.shipment ? [entry.shipment] : [])),
    notifications: perOrder.flatMap((entry) => entry.notifications),
    orderView: perOrder.flatMap((entry) => (entry.view ? [entry.view] : [])),
    analytics: snapshotAnalytics(summary),
  };
}
