import { orderBody, type OrderBody } from '@troupe/order-testing';
import type { Mix } from './options';

export type OrderKind = 'confirmed' | 'rejected' | 'payment_declined' | 'shipping_failed';

/** Set to 0 units before a mixed run, so ordering it is the deterministic REJECTED path (docs/product.md#business-rules). */
export const soldOutSku = 'SKU-100';

/** Mixed runs cycle 7 confirmed : 1 rejected : 1 declined : 1 shipping failure, i.e. 70 % happy. */
const mixedCycle: readonly OrderKind[] = ['confirmed', 'confirmed', 'confirmed', 'rejected', 'confirmed', 'payment_declined', 'confirmed', 'confirmed', 'shipping_failed', 'confirmed'];

export function orderKind(index: number, mix: Mix): OrderKind {
  return mix === 'happy' ? 'confirmed' : mixedCycle[index % mixedCycle.length]!;
}

/**
 * One line of one unit, spread over SKU-001…SKU-099 so long runs never drain a SKU into rejections
 * (1,000 units each): a happy run stays happy.
 */
export function benchOrder(index: number, mix: Mix): { kind: OrderKind; body: OrderBody } {
  const kind = orderKind(index, mix);
  const sku = kind === 'rejected' ? soldOutSku : `SKU-${String(1 + (index % 99)).padStart(3, '0')}`;
  const body = orderBody({
    customerId: `bench-${index % 50}`,
    items: [{ sku, quantity: 1, unitPrice: 10 }],
    ...(kind === 'payment_declined' ? { paymentToken: 'tok_declined' } : {}),
    ...(kind === 'shipping_failed' ? { shippingAddress: { country: 'AQ' } } : {}),
  });
  return { kind, body };
}
