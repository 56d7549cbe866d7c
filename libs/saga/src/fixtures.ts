// Example data shared by the specs (and usable by other libs' tests through relative imports only).
import { SagaEvent, ShippingAddress, event } from './events';
import type { Order } from './order/order';
import type { OrderRequest } from './order/order-request';
import { placeOrder } from './order/place-order';

export const orderId = '3f1c2a9e-8b7d-4c61-9a1e-5d2b7c4e9f10';
export const placedAt = '2026-01-01T00:00:00.000Z';
export const later = '2026-01-01T00:00:05.000Z';

export function anOrderRequest(overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    customerId: 'cust-1',
    items: [
      { sku: 'SKU-001', quantity: 2, unitPriceCents: 1999 },
      { sku: 'SKU-002', quantity: 1, unitPriceCents: 500 },
    ],
    paymentToken: 'tok_visa',
    shippingAddress: { name: 'Ada Lovelace', line1: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' },
    ...overrides,
  };
}

/** A freshly placed PENDING order (version 1) and its `order.created`. */
export function aPlacedOrder(overrides: Partial<OrderRequest> = {}): { order: Order; created: SagaEvent<'order.created'> } {
  const placed = placeOrder(anOrderRequest(overrides), { orderId, now: placedAt, deadlineMs: 30_000 });
  return { order: placed.state, created: placed.emit[0] as SagaEvent<'order.created'> };
}

/** `stock.reserved` as inventory sends it for `aPlacedOrder(overrides)`: the items held, the order's charge and address. */
export function aStockReserved(overrides: Partial<OrderRequest> = {}): SagaEvent<'stock.reserved'> {
  const { items, paymentToken, totalCents, shippingAddress } = aPlacedOrder(overrides).created.data;
  return event('stock.reserved', {
    orderId,
    items: items.map(({ sku, quantity }) => ({ sku, quantity })),
    charge: { paymentToken, totalCents },
    shippingAddress: { ...shippingAddress },
  });
}

/** `stock.reserved` of the default order (SKU-001 × 2, SKU-002 × 1; tok_visa, 4498; Paris). */
export const stockReserved = aStockReserved();

/** `stock.reserved` as an inventory-service of the previous release sent it: no charge, no address. */
export const stockReservedWithoutCharge = event('stock.reserved', { orderId, items: stockReserved.data.items });

/** `payment.captured` as payment sends it: the amount captured and the address the `stock.reserved` carried. */
export function aPaymentCaptured(shippingAddress: ShippingAddress = anOrderRequest().shippingAddress): SagaEvent<'payment.captured'> {
  return event('payment.captured', { orderId, paymentId: 'pay-1', amountCents: 4498, shippingAddress: { ...shippingAddress } });
}

export const paymentCaptured = aPaymentCaptured();

/** `payment.captured` as a payment-service of the previous release sent it: no address. */
export const paymentCapturedWithoutAddress = event('payment.captured', { orderId, paymentId: 'pay-1', amountCents: 4498 });
export const paymentDeclined = event('payment.declined', { orderId, amountCents: 4498, reason: 'card_declined' });
export const shipmentScheduled = event('shipment.scheduled', { orderId, shipmentId: 'ship-1' });
export const shipmentFailed = event('shipment.failed', { orderId, reason: 'unserviceable_country' });
export const reservationFailed = event('stock.reservation-failed', {
  orderId,
  reason: 'insufficient_stock',
  shortages: [{ sku: 'SKU-001', requested: 2, available: 1 }],
});

export function shipmentCancelled(reason: 'customer_cancelled' | 'timed_out' = 'customer_cancelled') {
  return event('shipment.cancelled', { orderId, wasScheduled: false, reason });
}

export function stockReleased(reason: 'payment_declined' | 'shipping_failed' | 'customer_cancelled' | 'timed_out') {
  return event('stock.released', { orderId, items: [], reason });
}
