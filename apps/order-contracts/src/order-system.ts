// The reference order system under contract: each app's real worker definition, the scenarios that make every
// producer emit every event it declares, and what each consumer needs to know about an order beforehand (payment and
// shipping need nothing: what they act on travels in stock.reserved and payment.captured).
import { referenceManifests } from '@troupe/order-catalogue';
import { orderBody, type OrderBodyOverrides } from '@troupe/order-testing';
import { analyticsServiceWorker } from '../../analytics-service/src/worker';
import { inventoryServiceWorker } from '../../inventory-service/src/worker';
import { notificationServiceWorker } from '../../notification-service/src/worker';
import { orderServiceWorker } from '../../order-service/src/worker';
import { orderViewWorker } from '../../order-view/src/worker';
import { paymentServiceWorker } from '../../payment-service/src/worker';
import { shippingServiceWorker } from '../../shipping-service/src/worker';
import { readdressed, type ContractSystem, type Prerequisite } from './verify-edges';
import { workerInMemory, type WorkerInMemory } from './worker-in-memory';

export const referenceDefinitions = {
  'order-service': orderServiceWorker,
  'inventory-service': inventoryServiceWorker,
  'payment-service': paymentServiceWorker,
  'shipping-service': shippingServiceWorker,
  'notification-service': notificationServiceWorker,
  'analytics-service': analyticsServiceWorker,
  'order-view': orderViewWorker,
} as const;

/** `POST /orders` on order-service; resolves with the new order's id. */
export async function placeOrder(orderService: WorkerInMemory, overrides: OrderBodyOverrides = {}): Promise<string> {
  const response = await orderService.memory.http.inject({ method: 'POST', url: '/orders', payload: orderBody(overrides) });
  if (response.statusCode !== 202) throw new Error(`POST /orders answered ${response.statusCode} ${response.body}`);
  return response.json().orderId;
}

async function cancelOrder(orderService: WorkerInMemory, orderId: string): Promise<void> {
  const response = await orderService.memory.http.inject({ method: 'POST', url: `/orders/${orderId}/cancel` });
  if (response.statusCode >= 300) throw new Error(`cancel answered ${response.statusCode} ${response.body}`);
}

/** order-service is the system of record: an event about an order it never created is dead-lettered. */
const orderPlacedHere: Prerequisite = {
  cold: 'dead-letters',
  async arrange(orderService, event) {
    const orderId = await placeOrder(orderService);
    orderService.takeCommandEvents();
    return readdressed(event, orderId);
  },
};

const scenario = (overrides: OrderBodyOverrides, then?: (orderService: WorkerInMemory, orderId: string) => Promise<void>) =>
  async (services: Record<string, WorkerInMemory>) => {
    const orderService = services['order-service']!;
    const orderId = await placeOrder(orderService, overrides);
    await then?.(orderService, orderId);
  };

export function referenceSystem(definitions: Record<string, Parameters<typeof workerInMemory>[0]> = referenceDefinitions): ContractSystem {
  return {
    manifests: referenceManifests,
    open: Object.fromEntries(Object.entries(definitions).map(([service, definition]) => [service, () => workerInMemory(definition)])),
    scenarios: [
      scenario({}), // confirmed, notified
      scenario({ paymentToken: 'tok_declined' }), // payment.declined → stock.released → cancelled
      scenario({ shippingAddress: { country: 'AQ' } }), // shipment.failed → refund → release → cancelled
      scenario({ items: [{ sku: 'SKU-UNKNOWN', quantity: 1, unitPrice: 1 }] }), // stock.reservation-failed → rejected
      scenario({}, cancelOrder), // cancellation-requested → shipment.cancelled → refund → release → cancelled
    ],
    prerequisites: {
      'order-service': {
        'stock.reservation-failed': orderPlacedHere,
        'payment.declined': orderPlacedHere,
        'shipment.failed': orderPlacedHere,
        'shipment.scheduled': orderPlacedHere,
        'stock.released': orderPlacedHere,
      },
    },
  };
}
